/**
 * The deployment files (docs/deploy/) against the start code: the systemd unit sets only
 * variables the server reads (ops/startEnv.ts), the proxy examples forward to the port the
 * unit makes it listen on, and every variable the code reads is in the one table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStartEnv, START_ENV } from '../../ops/startEnv.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const unit = read('docs/deploy/koersbord.service');
const unitEnv = Object.fromEntries([...unit.matchAll(/^Environment=([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));

describe('the systemd unit', () => {
  it('sets only variables the start code reads, and they make a production start', () => {
    expect(Object.keys(unitEnv).length).toBeGreaterThan(3);
    for (const name of Object.keys(unitEnv)) expect(Object.keys(START_ENV), `${name} in koersbord.service`).toContain(name);
    const settings = readStartEnv(unitEnv, { demo: true });
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.demo).toBe(false);
    expect(settings.trustProxy).toBe('127.0.0.1');
    expect(unitEnv.KOERSBORD_DB).toMatch(/^\/var\/lib\/koersbord\//);
    expect(unit).toMatch(/ReadWritePaths=.*\/var\/lib\/koersbord/);
  });

  it('starts the npm script that exists and runs the start code without demo data', () => {
    const script = /^ExecStart=\S*npm run (\S+)$/m.exec(unit)?.[1];
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(script).toBe('serve');
    expect(scripts[script!]).toMatch(/ops\/start\.ts --no-demo/);
  });
});

describe('the reverse proxy examples', () => {
  const port = String(readStartEnv(unitEnv).port);
  it('Caddy forwards to the port the unit sets', () => {
    const targets = [...read('docs/deploy/Caddyfile').matchAll(/reverse_proxy\s+(\S+)/g)].map((m) => m[1]);
    expect(targets).toEqual([`127.0.0.1:${port}`]);
  });
  it('nginx forwards to that port over TLS and passes the headers KOERSBORD_TRUST_PROXY makes the server believe', () => {
    const nginx = read('docs/deploy/nginx.conf');
    expect([...nginx.matchAll(/proxy_pass\s+([^;]+);/g)].map((m) => m[1])).toEqual([`http://127.0.0.1:${port}`]);
    expect(nginx).toMatch(/listen 443 ssl;/);
    expect(nginx).toMatch(/X-Forwarded-For/);
    expect(nginx).toMatch(/X-Forwarded-Proto \$scheme/);
  });
});

describe('the environment table', () => {
  const sources = (dir: string): string[] =>
    readdirSync(join(PROJECT_ROOT, dir)).flatMap((f) => {
      const path = join(dir, f);
      if (statSync(join(PROJECT_ROOT, path)).isDirectory()) return f === 'migrations' ? [] : sources(path);
      return f.endsWith('.ts') ? [path] : [];
    });

  it('holds every variable the server and the start script read', () => {
    const read_ = new Set<string>();
    for (const dir of ['ops', 'server', 'store', 'region', 'etl', 'indicators', 'report']) {
      for (const file of sources(dir)) for (const m of read(file).matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)/g)) read_.add(m[1]);
    }
    expect(read_.size).toBeGreaterThan(5);
    for (const name of read_) expect(Object.keys(START_ENV), `${name} is read but not in ops/startEnv.ts`).toContain(name);
  });

  it('is documented in docs/deploy.md, every variable', () => {
    const guide = read('docs/deploy.md');
    for (const name of Object.keys(START_ENV)) expect(guide, name).toContain(`\`${name}\``);
  });

  it('refuses a wrong value with a Dutch sentence', () => {
    expect(() => readStartEnv({ PORT: 'drieduizend' })).toThrow(/PORT moet een poortnummer zijn/);
    expect(() => readStartEnv({ KOERSBORD_DEMO: 'ja' })).toThrow(/KOERSBORD_DEMO moet 0 of 1 zijn/);
    expect(readStartEnv({}, { demo: false }).demo).toBe(false);
    expect(readStartEnv({ KOERSBORD_DEMO: '1' }, { demo: false }).demo).toBe(true);
  });
});
