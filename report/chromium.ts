/**
 * Finding and starting headless Chromium, once for the whole project. A configured
 * `CHROMIUM_PATH` or Debian's `/usr/bin/chromium` wins; otherwise the binary shipped inside
 * the `@sparticuz/chromium` npm package (no browser download at run time). When nothing can
 * start, the caller gets one clear Dutch error instead of a hang.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Chromium could not be found or started, or a render ran out of time: the message is for people. */
export class ChromiumError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChromiumError';
  }
}

export async function chromiumExecutablePath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new ChromiumError(`Chromium niet gevonden: CHROMIUM_PATH wijst naar ${configured}, maar daar staat geen bestand.`);
    return configured;
  }
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return p;
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    return await sparticuz.executablePath();
  } catch (cause) {
    throw new ChromiumError(
      'Geen Chromium gevonden: installeer chromium (/usr/bin/chromium), zet CHROMIUM_PATH, of installeer het npm-pakket @sparticuz/chromium.',
      { cause },
    );
  }
}

/** Starts headless Chromium within `timeoutMs`; a binary that does not start is a ChromiumError. */
export async function launchChromium({ timeoutMs = 30_000, env = process.env }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Browser> {
  const executablePath = await chromiumExecutablePath(env);
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: timeoutMs });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ChromiumError(`Chromium (${executablePath}) kon niet starten: ${detail}`, { cause });
  }
}
