/**
 * Uploads wait in a folder of the store's own (`<store>.uploads`, mode 0700) instead of the
 * shared /tmp: a delivery holds pseudonymised client data, so only the server's user may read
 * it, and what a killed server (kill -9) left there is removed at the next start.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The store's upload folder; an in-memory store (tests) uses a private folder under the OS temp dir. */
export function uploadDirOf(storePath: string): string | null {
  return storePath === ':memory:' ? null : `${storePath}.uploads`;
}

/** Creates the folder (0700) and empties it: anything in it is from a server that did not finish. Returns what was removed. */
export function prepareUploadDir(storePath: string): number {
  const dir = uploadDirOf(storePath);
  if (!dir) return 0;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const left = readdirSync(dir);
  for (const entry of left) rmSync(join(dir, entry), { recursive: true, force: true });
  return left.length;
}

/** A fresh folder for one upload, inside the store's upload folder. */
export async function uploadWorkDir(storePath: string): Promise<string> {
  const dir = uploadDirOf(storePath);
  if (!dir) return mkdtemp(join(tmpdir(), 'koersbord-upload-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return mkdtemp(join(dir, 'upload-'));
}
