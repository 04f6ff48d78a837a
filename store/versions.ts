/**
 * The versions caches hang on, kept as counters in `meta`: the data version (bumped by every
 * committed load) and the duiding version (bumped by every write of duiding, sessions or
 * actions). One key per kind, one way to bump and one to read, for both.
 */
import type { Queryable } from './queryable.ts';

export const VERSION_KEYS = { data: 'data_version', duiding: 'duiding_version' } as const;
export type VersionKind = keyof typeof VERSION_KEYS;
export type VersionPair = Record<VersionKind, number>;

/** Bumps one version inside the caller's transaction (anything with `run`: a transaction, a raw connection). */
export async function bumpVersion(q: Pick<Queryable, 'run'>, kind: VersionKind): Promise<void> {
  await q.run(
    `INSERT INTO meta VALUES ($key, '1')
     ON CONFLICT (key) DO UPDATE SET value = (CAST(meta.value AS INTEGER) + 1)::VARCHAR`,
    { key: VERSION_KEYS[kind] },
  );
}

/** Both versions in one query; a version never bumped is 0. */
export async function readVersions(q: Queryable): Promise<VersionPair> {
  const rows = await q.query<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ($data, $duiding)`, {
    data: VERSION_KEYS.data,
    duiding: VERSION_KEYS.duiding,
  });
  const get = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? 0);
  return { data: get(VERSION_KEYS.data), duiding: get(VERSION_KEYS.duiding) };
}
