/**
 * From a CBS table to reference figures: the table's rule names columns and categories by their
 * titles, the file's metadata gives their keys. Anything the rule expects and the file lacks
 * (a column, a unit, a category), and any row that does not fit the file's own metadata, refuses
 * the whole file: a changed table must be looked at by a person, not half loaded.
 */
import type { ReferenceFigure } from '../../contract/reference.ts';
import { roundedText } from '../../contract/rounding.ts';
import { CbsFileError, DIMENSION_TYPES, type CbsTable, type CodeListItem, type TypedRow } from './odata.ts';
import { CBS_TABLES, type CellRule, type FigureRule, type TableRule } from './tables.ts';

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
/** CBS pads its codes to a fixed width ("NL01  "). */
const code = (v: unknown) => String(v ?? '').trim();
/** A year in CBS's period code: 2024JJ00. Months and quarters (2024MM01, 2024KW01) are not reference years. */
const YEAR = /^(\d{4})JJ00$/;

export function ruleFor(id: string): TableRule {
  const rule = CBS_TABLES.find((t) => t.id === id);
  if (!rule) throw new CbsFileError(`Tabel ${id} kent Koersbord niet als referentie; bekend zijn ${CBS_TABLES.map((t) => t.id).join(', ')}.`);
  return rule;
}

interface Resolved {
  topicKey(title: string): string;
  /** Dimension key → category key, for a cell (the totals filled in). */
  coordinates(cell: CellRule): Record<string, string>;
}

function resolve(table: CbsTable, rule: TableRule): Resolved {
  const byTitle = new Map(table.properties.map((p) => [norm(p.Title), p]));
  for (const [title, unit] of Object.entries(rule.topics)) {
    const p = byTitle.get(norm(title));
    if (!p || DIMENSION_TYPES.has(p.Type)) {
      throw new CbsFileError(`Kolom '${title}' ontbreekt in de metadata (DataProperties) van ${table.id}; is de tabel veranderd? Er is niets opgeslagen.`);
    }
    if (norm(p.Unit ?? '') !== norm(unit)) {
      throw new CbsFileError(`Kolom '${title}' (${p.Key}) van ${table.id} heeft eenheid '${p.Unit ?? ''}', verwacht '${unit}'; is de tabel veranderd? Er is niets opgeslagen.`);
    }
  }
  const dimension = (title: string) => {
    const p = byTitle.get(norm(title));
    if (!p || !DIMENSION_TYPES.has(p.Type)) throw new CbsFileError(`Dimensie '${title}' ontbreekt in de metadata van ${table.id}; is de tabel veranderd? Er is niets opgeslagen.`);
    return p.Key;
  };
  const category = (dimKey: string, dimTitle: string, title: string) => {
    const item = table.codeLists.get(dimKey)!.find((c) => norm(c.Title) === norm(title));
    if (!item) throw new CbsFileError(`Categorie '${title}' van '${dimTitle}' ontbreekt in ${table.id}; is de tabel veranderd? Er is niets opgeslagen.`);
    return code(item.Key);
  };
  // Fail on a missing dimension or total now, not only when a rule happens to need it.
  const totals = Object.fromEntries(Object.entries(rule.totals).map(([d, t]) => [dimension(d), category(dimension(d), d, t)]));
  return {
    topicKey: (title) => byTitle.get(norm(title))!.Key,
    coordinates: (cell) => {
      const where = Object.fromEntries(Object.entries(cell.where ?? {}).map(([d, t]) => [dimension(d), category(dimension(d), d, t)]));
      return { ...totals, ...where };
    },
  };
}

/** Every row must fit the file's own metadata: known columns, dimension values from the code lists, numbers as figures. */
function checkRows(table: CbsTable): void {
  const columns = new Map(table.properties.map((p) => [p.Key, p]));
  const codes = new Map([...table.codeLists].map(([k, list]) => [k, new Set(list.map((c) => code(c.Key)))]));
  table.rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      if (key === 'ID') continue;
      const p = columns.get(key);
      if (!p) throw new CbsFileError(`${table.id}, rij ${i + 1} van TypedDataSet: kolom '${key}' staat niet in DataProperties; het bestand is veranderd of van een andere tabel. Er is niets opgeslagen.`);
      if (DIMENSION_TYPES.has(p.Type) ? !codes.get(key)!.has(code(value)) : value !== null && typeof value !== 'number') {
        throw new CbsFileError(`${table.id}, rij ${i + 1} van TypedDataSet: '${String(value)}' in kolom '${key}' past niet bij de metadata. Er is niets opgeslagen.`);
      }
    }
    for (const key of codes.keys()) {
      if (!(key in row)) throw new CbsFileError(`${table.id}, rij ${i + 1} van TypedDataSet mist de dimensie '${key}'; is het bestand afgekapt? Er is niets opgeslagen.`);
    }
  });
  // Two rows at the same place would make a figure depend on their order.
  const seen = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const place = [...codes.keys()].map((k) => `${k}=${code(row[k])}`).join(',');
    const first = seen.get(place);
    if (first !== undefined) throw new CbsFileError(`${table.id}: rij ${i + 1} van TypedDataSet herhaalt rij ${first + 1} (${place}); het bestand is beschadigd. Er is niets opgeslagen.`);
    seen.set(place, i);
  });
}

const describeCell = (keyOf: Resolved, cell: CellRule) => {
  const at = Object.entries(keyOf.coordinates(cell)).map(([d, c]) => `${d}=${c}`);
  return `${keyOf.topicKey(cell.topic)}${at.length ? `[${at.join(',')}]` : ''}`;
};

/** The figures of a CBS table, every one traced to its table and column(s). */
export function figuresOf(table: CbsTable, retrievedAt: string): ReferenceFigure[] {
  const rule = ruleFor(table.id);
  const keys = resolve(table, rule);
  // Every category a rule names must be in the file, whether or not a row uses it.
  for (const f of rule.figures) for (const cell of [f.read, ...(f.numerator ?? []), ...(f.denominator ?? [])]) if (cell) keys.coordinates(cell);
  checkRows(table);
  const geo = table.properties.find((p) => p.Type === 'GeoDimension')?.Key;
  const time = table.properties.find((p) => p.Type === 'TimeDimension')?.Key;
  if (!time) throw new CbsFileError(`${table.id} heeft geen tijddimensie (Perioden) in zijn metadata; is de tabel veranderd? Er is niets opgeslagen.`);
  const periods = new Map<string, CodeListItem>(table.codeLists.get(time)!.map((c) => [code(c.Key), c]));
  const others = [...table.codeLists.keys()].filter((k) => k !== geo && k !== time);

  // A cell is found by its place: area, period and the category of every other dimension.
  const place = (row: TypedRow, over: string[]) => over.map((k) => code(row[k])).join('|');
  const index = new Map(table.rows.map((row) => [place(row, [geo ?? '', time, ...others].filter(Boolean)), row]));
  const places = [...new Map(table.rows.map((row) => [`${geo ? code(row[geo]) : 'NL01'}|${code(row[time])}`, row])).values()];

  const valueOf = (row: TypedRow, cell: CellRule): number | null => {
    const at = keys.coordinates(cell);
    const found = index.get([...(geo ? [code(row[geo])] : []), code(row[time]), ...others.map((k) => at[k] ?? '')].join('|'));
    const v = found?.[keys.topicKey(cell.topic)];
    return typeof v === 'number' ? v : null;
  };
  const sum = (row: TypedRow, cells: CellRule[]) => {
    const values = cells.map((c) => valueOf(row, c));
    return values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0);
  };
  const compute = (row: TypedRow, f: FigureRule): number | null => {
    if (f.read) {
      const v = valueOf(row, f.read);
      return v === null ? null : v * (f.factor ?? 1);
    }
    const num = sum(row, f.numerator!);
    const den = sum(row, f.denominator!);
    return num === null || den === null || den === 0 ? null : (100 * num) / den;
  };
  const trace = (f: FigureRule) =>
    f.read
      ? `${describeCell(keys, f.read)}${(f.factor ?? 1) !== 1 ? ` × ${f.factor}` : ''}`
      : `100 × (${f.numerator!.map((c) => describeCell(keys, c)).join(' + ')}) / (${f.denominator!.map((c) => describeCell(keys, c)).join(' + ')})`;

  const figures = places.flatMap((row) => {
    const period = code(row[time]);
    const year = YEAR.exec(period)?.[1];
    if (!year) return [];
    const area = geo ? code(row[geo]) : 'NL01';
    const status = periods.get(period)?.Status ?? '';
    return rule.figures.flatMap((f): ReferenceFigure[] => {
      const value = compute(row, f);
      if (value === null) return [];
      return [
        {
          indicator: f.indicator,
          segment: f.segment,
          year: Number(year),
          area: area === 'NL01' ? 'NL' : area,
          // Shares, per_1000 and durations to one decimal (as the export); euros to whole euros.
          value: Number(roundedText(value, f.indicator === 'kosten' ? 0 : 1)),
          source_table: table.id,
          source_title: table.title,
          source_column: trace(f),
          // CBS marks a period 'Voorlopig' or 'Nader voorlopig' until it is 'Definitief'.
          provisional: norm(status) !== 'definitief',
          retrieved_at: retrievedAt,
        },
      ];
    });
  });
  if (figures.length === 0) throw new CbsFileError(`${table.id} bevat geen jaarcijfers die Koersbord gebruikt. Er is niets opgeslagen.`);
  return figures;
}
