/**
 * The report page is the built web app (`web/dist`): built here when missing or older than
 * any source under web/ or contract/, so a CLI run never prints yesterday's page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../store/paths.ts';

const WEB = join(PROJECT_ROOT, 'web');
export const WEB_DIST = join(WEB, 'dist');

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
  if (webIsStale()) {
    log('web-app bouwen (web/dist ontbreekt of is verouderd)');
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return WEB_DIST;
}
