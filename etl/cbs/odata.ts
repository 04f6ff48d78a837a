/**
 * CBS StatLine open data as CBS publishes it (OData v3, opendata.cbs.nl/ODataApi/odata/TABLE):
 * one JSON response per part of a table. `TableInfos` names the table, `DataProperties` lists
 * its columns (dimensions and topics, with title and unit), each dimension has a code list
 * named after its key (`Perioden` with each period's `Status`, `RegioS` with region codes such as
 * NL01 and GM0153) and `TypedDataSet` holds the rows. Koersbord reads the column keys from
 * the metadata, never from a list of its own: a table whose keys CBS renumbers still loads,
 * one whose columns changed meaning is refused.
 *
 * A file for `import` is a bundle of those responses, each exactly as the API sent it, under
 * the name of its part (`{"TableInfos": {...}, "DataProperties": {...}, "TypedDataSet": {...}, ...}`),
 * as `fetch` writes it; a folder with one `<part>.json` per response is read the same way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';

/** Every OData collection: `value` holds the entities (v3 `odata.metadata`, v4 `@odata.context`). */
const collection = <T extends z.ZodType>(entity: T) => z.looseObject({ value: z.array(entity) });

export const TableInfo = z.looseObject({ Identifier: z.string(), Title: z.string(), Modified: z.string().nullish() });
export const DataProperty = z.looseObject({
  Key: z.string(),
  Type: z.string(),
  Title: z.string(),
  Unit: z.string().nullish(),
  Decimals: z.number().nullish(),
});
export type DataProperty = z.infer<typeof DataProperty>;
export const CodeListItem = z.looseObject({ Key: z.string(), Title: z.string(), Status: z.string().nullish() });
export type CodeListItem = z.infer<typeof CodeListItem>;
/** A row of TypedDataSet: dimension keys as text, topics as numbers (null where CBS has no figure). */
export const TypedRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type TypedRow = z.infer<typeof TypedRow>;

export const TableInfos = collection(TableInfo);
export const DataProperties = collection(DataProperty);
export const CodeList = collection(CodeListItem);
export const TypedDataSet = collection(TypedRow);

/** The types of DataProperties that are dimensions (a row's coordinates), not topics (its figures). */
export const DIMENSION_TYPES = new Set(['Dimension', 'GeoDimension', 'TimeDimension', 'GeoDetail']);

export interface CbsTable {
  id: string;
  title: string;
  /** Key → column, as the table's DataProperties list them. */
  properties: DataProperty[];
  /** Dimension key → its code list. */
  codeLists: Map<string, CodeListItem[]>;
  rows: TypedRow[];
}

/** A file that is not a CBS table as Koersbord reads it: said in Dutch, nothing is written. */
export class CbsFileError extends Error {}

const describeIssues = (error: z.ZodError) =>
  error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(hoofdniveau)'}: ${i.message}`).join('; ');

function parsePart<T extends z.ZodType>(parts: Record<string, unknown>, name: string, schema: T, file: string): z.infer<T> {
  if (!(name in parts)) throw new CbsFileError(`${file} mist het deel '${name}' van de CBS-tabel; haal de tabel opnieuw op met npm run reference -- fetch TABEL.`);
  const parsed = schema.safeParse(parts[name]);
  if (!parsed.success) throw new CbsFileError(`${file}: het deel '${name}' heeft niet de vorm van de CBS-API (${describeIssues(parsed.error)}).`);
  return parsed.data;
}

/** The responses of a bundle file or of a folder of `<part>.json` files, by part name. */
function readParts(path: string): Record<string, unknown> {
  const file = basename(path);
  let entries: [string, string][];
  try {
    entries = statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), readFileSync(join(path, f), 'utf8')])
      : [['', readFileSync(path, 'utf8')]];
  } catch (err) {
    throw new CbsFileError(`${file} kan niet worden gelezen (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const parts: Record<string, unknown> = {};
  for (const [name, text] of entries) {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new CbsFileError(`${name ? `${file}/${name}.json` : file} is geen geldige JSON (${(err as Error).message}); is het bestand afgekapt of beschadigd?`);
    }
    if (name) parts[name] = json;
    else if (json && typeof json === 'object' && !Array.isArray(json)) Object.assign(parts, json);
    else throw new CbsFileError(`${file} is geen bundel van CBS-antwoorden (een JSON-object met TableInfos, DataProperties, TypedDataSet en de codelijsten).`);
  }
  return parts;
}

/** Reads and checks the shape of one CBS table; its meaning is checked against the table's rules. */
export function readCbsTable(path: string): CbsTable {
  const file = basename(path);
  const parts = readParts(path);
  const infos = parsePart(parts, 'TableInfos', TableInfos, file).value;
  if (infos.length !== 1) throw new CbsFileError(`${file}: TableInfos beschrijft ${infos.length} tabellen, verwacht één.`);
  const properties = parsePart(parts, 'DataProperties', DataProperties, file).value;
  const dimensions = properties.filter((p) => DIMENSION_TYPES.has(p.Type));
  const codeLists = new Map(dimensions.map((d) => [d.Key, parsePart(parts, d.Key, CodeList, file).value]));
  const rows = parsePart(parts, 'TypedDataSet', TypedDataSet, file).value;
  return { id: infos[0].Identifier.trim(), title: infos[0].Title.trim(), properties, codeLists, rows };
}

/** The parts `fetch` downloads for a table: its info, its columns, each dimension's code list and the rows. */
export function partNames(properties: DataProperty[]): string[] {
  return ['TableInfos', 'DataProperties', ...properties.filter((p) => DIMENSION_TYPES.has(p.Type)).map((p) => p.Key), 'TypedDataSet'];
}
