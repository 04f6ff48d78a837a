import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every CLI takes `--db PATH`; else `KOERSBORD_DB`; else a file under `data/`. */
export function resolveDbPath(flag?: string): string {
  if (flag) return resolve(flag);
  if (process.env.KOERSBORD_DB) return resolve(process.env.KOERSBORD_DB);
  return join(PROJECT_ROOT, 'data', 'koersbord.duckdb');
}
