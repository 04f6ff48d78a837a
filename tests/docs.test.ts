/**
 * The project explains itself: the README and docs/ link only to files of this repository that
 * exist (and to headings that exist in them), and never to the `../shared/` folder a user's
 * clone does not have.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../store/paths.ts';
import { sourceFiles, topLevelFolders } from './helpers/importGraph.ts';

const DOCS = ['README.md', ...readdirSync(join(PROJECT_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every `[text](target)` outside code blocks and code spans, with its line. */
function linksOf(markdown: string): { target: string; line: number }[] {
  return markdown.split('\n').flatMap((text, i) =>
    [...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => ({ target, line: i + 1 })),
  );
}

describe('the documentation', () => {
  it('never points to ../shared/, in text or in code comments', () => {
    const code = topLevelFolders().flatMap((folder) => sourceFiles(join(PROJECT_ROOT, folder)).map((f) => relative(PROJECT_ROOT, f)));
    expect(code.length).toBeGreaterThan(50);
    const mentions = [...DOCS, ...code].flatMap((file) =>
      readFileSync(join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .flatMap((text, i) => (text.includes('../shared') ? [`${file}:${i + 1}`] : [])),
    );
    expect(mentions).toEqual([]);
  });

  it('links only to files and headings of this repository that exist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of DOCS) {
      for (const { target, line } of linksOf(readFileSync(join(PROJECT_ROOT, file), 'utf8'))) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        checked++;
        const [path, anchor] = target.split('#');
        const resolved = path === '' ? join(PROJECT_ROOT, file) : resolve(PROJECT_ROOT, dirname(file), path);
        const where = `${file}:${line} → ${target}`;
        if (relative(PROJECT_ROOT, resolved).startsWith('..')) broken.push(`${where} (outside the repository)`);
        else if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${where} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('carries the domain definitions and the delivery contract itself', () => {
    const definitions = anchorsOf(readFileSync(join(PROJECT_ROOT, 'docs/definitions.md'), 'utf8'));
    expect([...definitions]).toEqual(expect.arrayContaining(['the-indicators', 'targets-and-statuses', 'data-maturity', 'privacy-and-suppression-avg', 'the-export']));
    const extract = anchorsOf(readFileSync(join(PROJECT_ROOT, 'docs/extract-format.md'), 'utf8'));
    expect([...extract]).toEqual(expect.arrayContaining(['the-kinds', 'tolerated-variations', 'privacy', 'region-configuration', 'code-lists-ijw']));
  });
});
