/**
 * Loading and fetching CBS tables into the reference store. An import reads and checks the
 * whole file before it writes, and then replaces the table's figures in one transaction: a
 * changed or broken file leaves the reference store exactly as it was.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReferenceFigure } from '../../contract/reference.ts';
import { replaceReferenceTable } from '../../store/reference.ts';
import type { Store } from '../../store/store.ts';
import { figuresOf, ruleFor } from './figures.ts';
import { CbsFileError, DataProperties, partNames, readCbsTable } from './odata.ts';

export const DEFAULT_CBS_ODATA_URL = 'https://opendata.cbs.nl/ODataApi/odata';
/** The OData API's address; tests point it at an address that does not answer. */
export const cbsODataUrl = () => (process.env.KOERSBORD_CBS_ODATA_URL ?? DEFAULT_CBS_ODATA_URL).replace(/\/+$/, '');

export interface ImportResult {
  table: string;
  title: string;
  figures: ReferenceFigure[];
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function importCbsFile(store: Store, path: string, retrievedAt: Date = new Date()): Promise<ImportResult> {
  const table = readCbsTable(path);
  const figures = figuresOf(table, isoSeconds(retrievedAt));
  await store.transaction((tx) => replaceReferenceTable(tx, table.id, figures));
  return { table: table.id, title: table.title, figures };
}

/** The machine cannot reach CBS: said in Dutch with what to do instead. */
export class CbsOfflineError extends Error {}

async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new CbsOfflineError(
      `CBS StatLine (${new URL(url).origin}) is niet bereikbaar (${cause}); deze computer is waarschijnlijk offline. ` +
        `Haal de tabel op een computer met internet op (npm run reference -- fetch TABEL --out BESTAND) en laad het bestand hier met npm run reference -- import BESTAND.`,
    );
  }
  if (!res.ok) throw new CbsFileError(`CBS StatLine antwoordde ${res.status} op ${url}; bestaat de tabel nog?`);
  return res.json();
}

/** All entities of a collection, following the server's paging (`odata.nextLink`, v4 `@odata.nextLink`). */
async function getCollection(url: string): Promise<unknown> {
  const first = (await getJson(url)) as Record<string, unknown>;
  const value = [...((first.value as unknown[]) ?? [])];
  let next = (first['odata.nextLink'] ?? first['@odata.nextLink']) as string | undefined;
  while (next) {
    const page = (await getJson(next)) as Record<string, unknown>;
    value.push(...((page.value as unknown[]) ?? []));
    next = (page['odata.nextLink'] ?? page['@odata.nextLink']) as string | undefined;
  }
  const { 'odata.nextLink': _a, '@odata.nextLink': _b, ...rest } = first;
  return { ...rest, value };
}

/** Downloads a table's parts as the API sends them into one bundle file, then imports it. */
export async function fetchCbsTable(store: Store, id: string, out: string): Promise<ImportResult> {
  ruleFor(id);
  const base = `${cbsODataUrl()}/${id}`;
  const bundle: Record<string, unknown> = { DataProperties: await getCollection(`${base}/DataProperties?$format=json`) };
  const properties = DataProperties.safeParse(bundle.DataProperties);
  if (!properties.success) throw new CbsFileError(`CBS stuurde voor ${id} geen DataProperties in de verwachte vorm.`);
  for (const part of partNames(properties.data.value).filter((p) => p !== 'DataProperties')) {
    bundle[part] = await getCollection(`${base}/${part}?$format=json`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(bundle));
  return importCbsFile(store, out);
}
