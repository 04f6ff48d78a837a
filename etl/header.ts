/**
 * From a header line to the contract: which delimiter, which kind, which file column is
 * which contract column, and which configured gemeente alias applies.
 */
import type { DeliveryKind } from '../contract/domain.ts';
import type { ExtractAlias, RegionConfig } from '../region/config.ts';
import { CONTRACT_COLUMNS, KINDS, type KindSpec } from './columns.ts';
import { splitCsvLine } from './source.ts';

const DELIMITERS = [';', ',', '\t'] as const;

/** Header names in any case, with surrounding spaces; inner spaces and dashes read as `_`. */
export const normaliseHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Column names that suggest citizen service numbers: such a delivery is refused unread. */
const BSN_COLUMN = /bsn|burgerservicenummer|sofi_?nummer/;

/** The suggested file name `<kind>_<gemeente_code>_<YYYY-MM>.<csv|xlsx>`, also with a suffix such as `_v2` for a correction. */
const FILE_NAME = /^(toewijzingen|declaraties|bevolking|begroting)_(GM[0-9]{4})_([0-9]{4}-[0-9]{2})([_ .-][^\\/]*)?\.(csv|xlsx)$/i;
const FILE_KIND = /^(toewijzingen|declaraties|bevolking|begroting)[_.-]/i;

export interface FileNameHints {
  kind: DeliveryKind | null;
  gemeente_code: string | null;
  periode: string | null;
}

export function fileNameHints(name: string): FileNameHints {
  const base = name.split(/[\\/]/).pop() ?? name;
  const full = FILE_NAME.exec(base);
  if (full) return { kind: full[1].toLowerCase() as DeliveryKind, gemeente_code: full[2].toUpperCase(), periode: full[3] };
  const kind = FILE_KIND.exec(base);
  return { kind: kind ? (kind[1].toLowerCase() as DeliveryKind) : null, gemeente_code: null, periode: null };
}

export interface HeaderColumn {
  /** As written in the file (trimmed). */
  header: string;
  /** The contract column it maps to, or null when unknown. */
  column: string | null;
}

export interface HeaderMapping {
  delimiter: string;
  columns: HeaderColumn[];
  kind: KindSpec | null;
  alias: ExtractAlias | undefined;
  aliasGemeente: string | null;
  bsnColumns: string[];
}

function mapHeader(fields: string[], alias: ExtractAlias | undefined): HeaderColumn[] {
  const renames = new Map(Object.entries(alias?.headers ?? {}).map(([from, to]) => [normaliseHeader(from), to]));
  return fields.map((raw) => {
    const n = normaliseHeader(raw);
    const column = renames.get(n) ?? n;
    return { header: raw.replace(/^\uFEFF/, '').trim(), column: CONTRACT_COLUMNS.has(column) ? column : null };
  });
}

/** The kind whose columns the header holds most of; null when no kind stands out. */
function recogniseKind(columns: HeaderColumn[]): KindSpec | null {
  const present = new Set(columns.map((c) => c.column).filter((c): c is string => c !== null));
  const scored = Object.values(KINDS)
    .map((spec) => ({ spec, hits: spec.columns.filter((c) => present.has(c.name)).length }))
    .sort((a, b) => b.hits - a.hits);
  if (scored[0].hits < 2 || scored[0].hits === scored[1].hits) return null;
  return scored[0].spec;
}

/**
 * The alias is chosen by the gemeente in the file name, else by the gemeente code of the first
 * data row, so a header alias may rename even the gemeente_code column.
 */
function chooseAlias(region: RegionConfig, hints: FileNameHints, fieldsOf: (d: string) => string[], firstRowOf: (d: string) => string[] | null, delimiter: string) {
  const aliases = region.extractAliases ?? {};
  if (hints.gemeente_code && aliases[hints.gemeente_code]) return hints.gemeente_code;
  const header = fieldsOf(delimiter);
  const row = firstRowOf(delimiter);
  if (!row) return null;
  for (const code of [null, ...Object.keys(aliases)]) {
    const mapped = mapHeader(header, code ? aliases[code] : undefined);
    const i = mapped.findIndex((c) => c.column === 'gemeente_code');
    if (i < 0) continue;
    const value = (row[i] ?? '').trim().toUpperCase();
    const candidate = /^[0-9]{4}$/.test(value) ? `GM${value}` : value;
    if (aliases[candidate]) return candidate;
  }
  return null;
}

export function readHeader(headerLine: string, firstDataLine: string | null, region: RegionConfig, hints: FileNameHints, fixedDelimiter: string | null): HeaderMapping {
  const fieldsOf = (d: string) => splitCsvLine(headerLine, d);
  const firstRowOf = (d: string) => (firstDataLine === null ? null : splitCsvLine(firstDataLine, d));
  const aliases = region.extractAliases ?? {};
  const allAliases = [undefined, ...Object.values(aliases)];

  // The delimiter that makes the most header names recognisable wins (under any alias).
  const candidates = fixedDelimiter ? [fixedDelimiter] : DELIMITERS;
  let delimiter: string = candidates[0];
  let best = -1;
  for (const d of candidates) {
    const score = Math.max(...allAliases.map((a) => mapHeader(fieldsOf(d), a).filter((c) => c.column).length));
    const width = fieldsOf(d).length;
    if (score > best || (score === best && score === 0 && width > fieldsOf(delimiter).length)) {
      best = score;
      delimiter = d;
    }
  }

  const aliasGemeente = chooseAlias(region, hints, fieldsOf, firstRowOf, delimiter);
  const alias = aliasGemeente ? aliases[aliasGemeente] : undefined;
  const columns = mapHeader(fieldsOf(delimiter), alias);
  const bsnColumns = columns.filter((c) => BSN_COLUMN.test(normaliseHeader(c.header))).map((c) => c.header);
  return { delimiter, columns, kind: recogniseKind(columns), alias, aliasGemeente, bsnColumns };
}
