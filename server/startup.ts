/**
 * The first load of a new store while the server already answers: a provider (the start
 * script's demo data) hands the files over in the order they should load, and the server
 * loads them through the ETL's `loadFiles` — the same validation and commit as the CLI — while
 * `/api/health` reports the progress for the web's progress bar and the terminal shows one line.
 */
import type { FileInput } from '../etl/index.ts';
import { loadFiles } from '../etl/index.ts';
import type { Store } from '../store/store.ts';

/** What the server asks of the start script when the store holds no deliveries. */
export interface InitialDataProvider {
  /** Shown in the terminal and on the page ("Demodata"). */
  label: string;
  /** `loaded_by` of the deliveries it loads. */
  loadedBy: string;
  /**
   * Makes the files available (the demo data is generated on first use) and returns them in
   * load order; each group is one `loadFiles` batch. `onProgress` reports the preparation.
   */
  prepare(onProgress: (done: number, total: number) => void): Promise<{ groups: FileInput[][]; description: string }>;
}

export type StartupPhase = 'voorbereiden' | 'laden' | 'klaar' | 'mislukt';

export interface StartupState {
  phase: StartupPhase;
  label: string;
  /** Files loaded so far (any outcome) and the number of files; during preparation its own steps. */
  done: number;
  total: number;
}

/** One line that rewrites itself on a terminal, and prints now and then when logged to a file. */
export function progressLine(label: string, { percentOnly = false } = {}, out: NodeJS.WriteStream = process.stdout) {
  const tty = out.isTTY;
  let lastLogged = 0;
  return {
    update(done: number, total: number, detail = '') {
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      // A step count that is not a file count (the generator's) would read as a second, different total.
      const text = `${label}: ${percentOnly ? `${pct}%` : `${done}/${total} (${pct}%)`}${detail ? ` ${detail}` : ''}`;
      if (tty) out.write(`\r${text.padEnd(100).slice(0, 100)}`);
      else if (done === total || Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        out.write(`${text}\n`);
      }
    },
    done(text: string) {
      if (tty) out.write('\r'.padEnd(101) + '\r');
      out.write(`${label}: ${text}\n`);
    },
  };
}

const setMarker = (store: Store, value: 'bezig' | 'klaar') =>
  store.query(`INSERT INTO meta VALUES ('initial_load', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, { v: value });

/**
 * A store needs the initial load when it has no deliveries, or when an earlier initial load was
 * stopped halfway (Ctrl-C) and nobody loaded anything else since: files already loaded come
 * back as "unchanged", so the resumed load ends with the same store as an uninterrupted one.
 */
export async function initialLoadPending(store: Store, loadedBy: string): Promise<boolean> {
  const [row] = await store.query<{ total: number; others: number; marker: string | null }>(
    `SELECT (SELECT count(*) FROM deliveries)::INTEGER AS total,
            (SELECT count(*) FROM deliveries WHERE loaded_by IS DISTINCT FROM $by)::INTEGER AS others,
            (SELECT value FROM meta WHERE key = 'initial_load') AS marker`,
    { by: loadedBy },
  );
  return row.total === 0 || (row.marker === 'bezig' && row.others === 0);
}

export interface InitialLoadResult {
  files: number;
  loaded: number;
  replaced: number;
  unchanged: number;
  rejected: number;
  seconds: number;
}

/**
 * Runs the provider and loads its groups in order. `state` is updated in place (the health
 * route reads it); `afterFirstGroup` runs once the first group is committed (the demo account
 * needs demo deliveries to exist).
 */
export async function runInitialLoad(
  store: Store,
  provider: InitialDataProvider,
  state: StartupState,
  hooks: { afterFirstGroup?: () => Promise<void>; onData?: () => void } = {},
): Promise<InitialLoadResult> {
  const started = Date.now();
  const preparing = progressLine(`${provider.label} voorbereiden`, { percentOnly: true });
  Object.assign(state, { phase: 'voorbereiden', label: provider.label, done: 0, total: 0 });
  const { groups, description } = await provider.prepare((done, total) => {
    Object.assign(state, { done, total });
    preparing.update(done, total);
  });
  const total = groups.reduce((n, g) => n + g.length, 0);
  preparing.done(`${total} bestanden klaar (${description})`);

  const loading = progressLine(`${provider.label} laden`);
  Object.assign(state, { phase: 'laden', done: 0, total });
  await setMarker(store, 'bezig');
  const result: InitialLoadResult = { files: total, loaded: 0, replaced: 0, unchanged: 0, rejected: 0, seconds: 0 };
  let offset = 0;
  for (const [i, group] of groups.entries()) {
    const reports = await loadFiles(store, group, {
      loadedBy: provider.loadedBy,
      onProgress: (p) => {
        if (p.phase !== 'klaar') return;
        state.done = offset + p.fileIndex + 1;
        loading.update(state.done, total, p.file);
      },
    });
    offset += group.length;
    state.done = offset;
    for (const r of reports) result[r.outcome]++;
    hooks.onData?.();
    if (i === 0) await hooks.afterFirstGroup?.();
  }
  await setMarker(store, 'klaar');
  result.seconds = (Date.now() - started) / 1000;
  // The fixtures hold faulty originals that a `_v2` corrects: those are replaced, not refused.
  loading.done(
    `${total} bestanden verwerkt: ${result.loaded + result.replaced} geladen (waarvan ${result.replaced} correcties), ` +
      `${result.unchanged} al geladen, ${result.rejected} geweigerd, in ${result.seconds.toFixed(1)} s`,
  );
  state.phase = 'klaar';
  return result;
}
