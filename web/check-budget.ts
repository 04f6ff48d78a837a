/**
 * The bundle budget, checked after every web build (`npm run build:web` fails when over).
 * The first view must be usable within a second on localhost; the JavaScript the browser
 * has to fetch and parse is most of that, so it has a hard ceiling.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = {
  /**
   * All JavaScript, gzip-compressed as served. ECharts (line + bar) is about 170 kB of it.
   * 16 kB (raw: 60 kB) of it is the jaarrapport chunk (ECharts' SVG renderer, for vector
   * charts in the PDF), loaded only on that page: the first view's share is unchanged.
   */
  jsGzipBytes: 256 * 1024,
  /** All JavaScript as parsed by the browser. */
  jsRawBytes: 780 * 1024,
  cssGzipBytes: 16 * 1024,
};

export interface BundleSize {
  jsRawBytes: number;
  jsGzipBytes: number;
  cssRawBytes: number;
  cssGzipBytes: number;
  files: { name: string; rawBytes: number; gzipBytes: number }[];
}

export const DIST_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), 'dist');

export function measureBundle(dist: string = DIST_DIR): BundleSize {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets)
    .filter((f) => statSync(join(assets, f)).isFile())
    .map((name) => {
      const bytes = readFileSync(join(assets, name));
      return { name, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
  const sum = (ext: string, key: 'rawBytes' | 'gzipBytes') => files.filter((f) => f.name.endsWith(ext)).reduce((n, f) => n + f[key], 0);
  return {
    jsRawBytes: sum('.js', 'rawBytes'),
    jsGzipBytes: sum('.js', 'gzipBytes'),
    cssRawBytes: sum('.css', 'rawBytes'),
    cssGzipBytes: sum('.css', 'gzipBytes'),
    files,
  };
}

export function overBudget(size: BundleSize): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const problems: string[] = [];
  if (size.jsGzipBytes > BUDGET.jsGzipBytes) problems.push(`JavaScript gzip ${kb(size.jsGzipBytes)} > budget ${kb(BUDGET.jsGzipBytes)}`);
  if (size.jsRawBytes > BUDGET.jsRawBytes) problems.push(`JavaScript ${kb(size.jsRawBytes)} > budget ${kb(BUDGET.jsRawBytes)}`);
  if (size.cssGzipBytes > BUDGET.cssGzipBytes) problems.push(`CSS gzip ${kb(size.cssGzipBytes)} > budget ${kb(BUDGET.cssGzipBytes)}`);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = measureBundle();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`bundel: JS ${kb(size.jsRawBytes)} (gzip ${kb(size.jsGzipBytes)} van ${kb(BUDGET.jsGzipBytes)}), CSS ${kb(size.cssRawBytes)} (gzip ${kb(size.cssGzipBytes)})`);
  const problems = overBudget(size);
  if (problems.length) {
    console.error(`bundelbudget overschreden:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
}
