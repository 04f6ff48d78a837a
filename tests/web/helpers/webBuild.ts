/**
 * Browser tests run against the built web app. It is rebuilt only when a source file under
 * web/ is newer than web/dist, and one test file at a time builds (a lock directory), since
 * test files run in parallel processes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../store/paths.ts';

const WEB = join(PROJECT_ROOT, 'web');
const DIST_INDEX = join(WEB, 'dist', 'index.html');
const LOCK = join(WEB, '.build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  // Shared contract and formatting code is bundled too.
  return Math.max(newestSource(WEB), newestSource(join(PROJECT_ROOT, 'contract'))) > statSync(DIST_INDEX).mtimeMs;
}

async function withLock<T>(fn: () => T): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error('wachten op de webbuild duurde te lang');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds web/dist when stale; returns its path. */
export async function ensureWebBuilt(): Promise<string> {
  if (webIsStale()) {
    await withLock(() => {
      if (webIsStale()) {
        execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
          cwd: PROJECT_ROOT,
          stdio: 'inherit',
        });
      }
    });
  }
  return join(WEB, 'dist');
}
