/**
 * Text people send is stored as they wrote it (any script, emoji, accents), except for
 * characters that only serve to deceive or break things: control characters other than tab
 * and line breaks, bidirectional overrides (text that displays reversed, "Trojan Source"),
 * and unpaired surrogates (not valid Unicode; DuckDB would store garbage). Those are refused
 * with a Dutch message instead of being silently changed.
 */
import { badRequest } from '../problems.ts';

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

export function textProblem(s: string): string | null {
  if (!wellFormed(s)) return 'bevat een ongeldig Unicode-teken (een los surrogaat)';
  const bad = FORBIDDEN.exec(s);
  if (bad) return `bevat een onzichtbaar stuurteken (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  return null;
}

/** Every string in a JSON body, at any depth. */
export function checkBodyText(body: unknown): void {
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) throw badRequest(`Het veld ${path || 'tekst'} ${problem}; haal dat teken weg en probeer het opnieuw. Er is niets opgeslagen.`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k);
  };
  visit(body, '');
}
