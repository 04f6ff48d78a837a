/**
 * The report page is the built web app (`web/dist`): built here when missing or older than
 * any source under web/ or contract/, so a CLI run never prints yesterday's page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../store/paths.ts';

const WEB = join(PROJECT_ROOT, 'web');
export const WEB_DIST = join(WEB, 'dist');
/** The same lock directory as the browser tests' build helper: one build at a time. */
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
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(newestSource(WEB), newestSource(join(PROJECT_ROOT, 'contract'))) > statSync(index).mtimeMs;
}

/** Builds web/dist when stale (vite, as `npm run build:web` does); returns its path. */
export function ensureWebBuilt(log: (line: string) => void = () => {}): string {
  if (!webIsStale()) return WEB_DIST;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error('wachten op de webbuild duurde te lang');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (webIsStale()) {
      log('web-app bouwen (web/dist ontbreekt of is verouderd)');
      execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return WEB_DIST;
}
