/**
 * One file, start to end: decode, map the header, stage and validate in DuckDB, and commit
 * when nothing is wrong. A refused delivery returns its problems and leaves the store as it was.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryReport } from '../contract/deliveries.ts';
import { isYearlyKind, type DeliveryKind } from '../contract/domain.ts';
import type { Store } from '../store/store.ts';
import { withAlias } from './columns.ts';
import { commitDelivery, oneCommitAtATime } from './commit.ts';
import { rhythmProblem } from './deliveryRhythm.ts';
import { fileNameHints, readHeader, type FileNameHints } from './header.ts';
import { toProblem, type RawProblem } from './problems.ts';
import { prepareSource, type Source } from './source.ts';
import { XLSX_LIMITS, XlsxTooLarge, type XlsxLimits } from './xlsx.ts';
import { ZipStructureError } from './zipDirectory.ts';
import { rowProblems, stage, summarise, type Reference } from './validate.ts';

export type LoadPhase = 'lezen' | 'controleren' | 'laden' | 'klaar';

export interface LoadProgress {
  fileIndex: number;
  fileCount: number;
  file: string;
  rowsDone: number;
  phase: LoadPhase;
  /** Rows of the file, once read (null before). */
  rowsTotal: number | null;
}

/** Something an operator should see in the log; never file content. */
export interface LoadWarning {
  event: 'csv_unreadable';
  file: string;
  /** The class of the DuckDB error (`IO Error`, `Invalid Input Error`, ...), not its message. */
  error_class: string;
}

export interface LoadOptions {
  loadedBy?: string;
  /** Bounds of an XLSX delivery (default XLSX_LIMITS); smaller in tests. */
  xlsxLimits?: Partial<XlsxLimits>;
  /** Default: one JSON line on stderr. */
  onWarning?: (w: LoadWarning) => void;
  /** Problems listed per refused delivery (all are counted); default 100. */
  maxProblems?: number;
  onProgress?: (p: LoadProgress) => void;
  /**
   * Folder for the decoded copy of a file (an XLSX converted to CSV holds the delivery's client
   * data); default the OS temp folder. The server passes the store's upload folder, which only
   * it reads and which it empties at start, so a killed server leaves nothing in /tmp.
   */
  workDir?: string;
}

export interface FileInput {
  path: string;
  /** The name the delivery is known by (an upload's original name). */
  name: string;
}

/** DuckDB messages start with their class (`IO Error: ...`); anything else is `onbekend`. */
export function duckdbErrorClass(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /^([A-Z][A-Za-z]{0,30}(?: [A-Za-z]{1,30}){0,4} Error):/.exec(message)?.[1] ?? 'onbekend';
}

/** Gemeente and period of a delivery without rows, from a file name of the suggested pattern. */
function headerOnlyReferences(hints: FileNameHints, regionGemeenten: string[]): { gemeente_code: Reference; periode: Reference } | { problem: RawProblem } {
  const problem = (expected: string, found: string | null): { problem: RawProblem } => ({ problem: { line: null, column: null, rule: 'no_rows', expected, found } });
  if (!hints.gemeente_code || !hints.periode) {
    return problem(
      'een bestandsnaam als <soort>_<GMxxxx>_<JJJJ-MM>.csv (of .xlsx): een levering met alleen een kopregel krijgt gemeente en periode uit de bestandsnaam',
      'alleen een kopregel en een andere bestandsnaam',
    );
  }
  if (!regionGemeenten.includes(hints.gemeente_code)) return problem(`een gemeente van de regio in de bestandsnaam`, hints.gemeente_code);
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(hints.periode)) return problem('een periode JJJJ-MM in de bestandsnaam', hints.periode);
  return { gemeente_code: { line: 1, value: hints.gemeente_code }, periode: { line: 1, value: hints.periode } };
}

const xlsxLimitText = (err: XlsxTooLarge): string =>
  err.what === 'rows'
    ? `een Excel-werkmap van hoogstens ${err.limit.toLocaleString('nl-NL')} regels; lever een grotere levering als CSV aan`
    : `een Excel-werkmap van hoogstens ${err.limit >= 2 ** 20 ? `${Math.round(err.limit / 2 ** 20).toLocaleString('nl-NL')} MB` : `${err.limit.toLocaleString('nl-NL')} bytes`} uitgepakt; lever een grotere levering als CSV aan`;

const logWarning = (w: LoadWarning) => console.warn(JSON.stringify({ level: 'warn', time: new Date().toISOString(), ...w }));

interface Context {
  fileIndex: number;
  fileCount: number;
  options: LoadOptions;
  /** Settles when the previous file is done: deliveries are checked ahead but committed in order. */
  turn?: Promise<void>;
}

export async function loadFile(store: Store, input: FileInput, ctx: Context): Promise<DeliveryReport> {
  const started = performance.now();
  const maxProblems = ctx.options.maxProblems ?? 100;
  const progress = (phase: LoadPhase, rowsDone: number) =>
    ctx.options.onProgress?.({ fileIndex: ctx.fileIndex, fileCount: ctx.fileCount, file: input.name, rowsDone, phase, rowsTotal: report.rows });
  const report: DeliveryReport = {
    file: input.name,
    outcome: 'rejected',
    kind: null,
    gemeente_code: null,
    periode: null,
    rows: null,
    delivery_id: null,
    replaced_delivery_id: null,
    problems: [],
    problem_count: 0,
    duration_ms: 0,
  };
  const finish = (patch: Partial<DeliveryReport>): DeliveryReport => {
    progress('klaar', patch.rows ?? 0);
    return { ...report, ...patch, duration_ms: Math.round(performance.now() - started) };
  };
  const reject = (problems: RawProblem[], count = problems.length, patch: Partial<DeliveryReport> = {}) =>
    finish({ ...patch, outcome: 'rejected', problems: problems.slice(0, maxProblems).map((p) => toProblem(input.name, p)), problem_count: count });
  const fileProblem = (rule: string, expected: string, found: string | null = null, column: string | null = null): RawProblem => ({
    line: null,
    column,
    rule,
    expected,
    found,
  });

  progress('lezen', 0);
  if (!existsSync(input.path) || !statSync(input.path).isFile()) {
    return reject([fileProblem('file_not_found', 'een bestaand bestand', input.path)]);
  }

  const workDir = await mkdtemp(join(ctx.options.workDir ?? tmpdir(), 'koersbord-etl-'));
  try {
    let source: Source;
    try {
      source = await prepareSource(input.path, input.name, workDir, { ...XLSX_LIMITS, ...ctx.options.xlsxLimits });
    } catch (err) {
      if (err instanceof XlsxTooLarge) return reject([fileProblem('xlsx_too_large', xlsxLimitText(err), null)]);
      if (err instanceof ZipStructureError) return reject([fileProblem('xlsx_unreadable', 'een XLSX-bestand (Excel-werkmap)', 'een bestand dat geen zip-archief is')]);
      throw err;
    }

    // The same bytes were loaded before. Also when a correction has since replaced them: re-running a
    // folder of deliveries must not swap corrections back and forth (a real revert is a new export).
    // A header-only file names neither gemeente nor period inside: the same bytes arrive for every
    // month without claims, so for those the delivery is the same only if its name says the same.
    const hints = fileNameHints(input.name);
    const loadedBefore = async () => {
      const [same] = await store.query<{ delivery_id: number; kind: DeliveryKind; gemeente_code: string | null; periode: string | null; row_count: number }>(
        `SELECT delivery_id, kind, gemeente_code, periode, row_count FROM deliveries
         WHERE file_hash = $hash AND (row_count > 0 OR (kind = $kind AND gemeente_code = $g AND periode = $p))
         ORDER BY status = 'active' DESC, delivery_id DESC LIMIT 1`,
        { hash: source.hash, kind: hints.kind, g: hints.gemeente_code, p: hints.periode },
      );
      return same
        ? finish({ outcome: 'unchanged', kind: same.kind, gemeente_code: same.gemeente_code, periode: same.periode, rows: same.row_count, delivery_id: same.delivery_id })
        : null;
    };
    const unchanged = await loadedBefore();
    if (unchanged) return unchanged;

    if (source.headerLine.trim() === '') return reject([fileProblem('empty_file', 'een kopregel met kolomnamen en gegevensregels', 'een leeg bestand')]);

    const mapping = readHeader(source.headerLine, source.firstDataLine, store.region, hints, source.delimiter);
    if (mapping.bsnColumns.length > 0) {
      // Refused before a single value is read: nothing of it reaches DuckDB.
      return reject(mapping.bsnColumns.map((h) => fileProblem('bsn_column', 'geen kolom met BSN-nummers: leveringen bevatten alleen pseudoniemen', h, h)));
    }
    const headerText = mapping.columns.map((c) => c.header).join(', ');
    if (!mapping.kind) {
      return reject([{ ...fileProblem('unknown_kind', 'de kolommen van toewijzingen, declaraties, bevolking of begroting', headerText), line: 1 }]);
    }
    const spec = withAlias(mapping.kind, mapping.alias);
    report.kind = spec.kind;

    const problems: RawProblem[] = [];
    const seen = new Set<string>();
    for (const c of mapping.columns) {
      if (c.column === null || !spec.columns.some((s) => s.name === c.column)) {
        problems.push({ line: 1, column: c.header, rule: 'unknown_column', expected: `alleen kolommen van ${spec.kind}: ${spec.columns.map((s) => s.name).join(', ')}`, found: c.header });
      } else if (seen.has(c.column)) {
        problems.push({ line: 1, column: c.header, rule: 'duplicate_column', expected: `kolom ${c.column} één keer`, found: c.header });
      } else seen.add(c.column);
    }
    for (const s of spec.columns.filter((s) => s.required && !seen.has(s.name))) {
      problems.push({ line: 1, column: s.name, rule: 'missing_column', expected: `een kolom ${s.name} (${s.expected})`, found: null });
    }
    if (hints.kind && hints.kind !== spec.kind) {
      problems.push(fileProblem('file_name_mismatch', `een ${hints.kind}-levering (volgens de bestandsnaam)`, `kolommen van ${spec.kind}`));
    }
    if (problems.some((p) => p.line === 1)) return reject(problems);

    // One session: the staging table is a temporary table of its connection, read by the commit.
    return await store.session(async (conn) => {
      progress('controleren', 0);
      let staged: Awaited<ReturnType<typeof stage>>;
      try {
        staged = await stage(conn, source.csvPath, mapping, spec, maxProblems);
      } catch (err) {
        // DuckDB's message may quote file content (a BSN, even): only its class ("IO Error") is passed on,
        // so that a refusal like this explains itself in the report and the log.
        const errorClass = duckdbErrorClass(err);
        (ctx.options.onWarning ?? logWarning)({ event: 'csv_unreadable', file: input.name, error_class: errorClass });
        return reject([...problems, fileProblem('csv_unreadable', 'een CSV-bestand dat regel voor regel te lezen is', `DuckDB-fout van het type ${errorClass}`)]);
      }
      if (staged.structureProblemCount > 0) {
        // Rows with a wrong field count shift every later row: check the rest once the file is sound.
        return reject([...problems, ...staged.structureProblems], problems.length + staged.structureProblemCount);
      }
      const summary = await summarise(conn, spec);
      report.rows = summary.rows;
      const { references } = summary;
      if (summary.rows === 0) {
        // A header and no rows: the gemeente had nothing to report that period. Valid, and loaded as
        // 0 rows, but gemeente and period can then only come from the file name.
        const headerOnly = headerOnlyReferences(hints, store.region.gemeenten.map((g) => g.code));
        if ('problem' in headerOnly) return reject([...problems, headerOnly.problem]);
        Object.assign(references, headerOnly);
      }
      report.gemeente_code = references.gemeente_code?.value ?? null;
      report.periode = references.periode?.value ?? null;
      for (const column of ['gemeente_code', 'periode'] as const) {
        const expected = hints[column];
        const found = references[column]?.value;
        if (!isYearlyKind(spec.kind) && expected && found && expected !== found) {
          problems.push(fileProblem('file_name_mismatch', `${column} ${expected} (volgens de bestandsnaam)`, found, column));
        }
      }
      const offRhythm = rhythmProblem(store.region, spec.kind, report.gemeente_code, references.periode);
      if (offRhythm) problems.push(offRhythm);
      const sound = summary.badRows === 0 && summary.mixedColumns.length === 0 && summary.duplicateKeys === 0;
      if (!sound || problems.length > 0) {
        if (!sound) await stage(conn, source.csvPath, mapping, spec, maxProblems, 'detailed');
        const rowLevel = sound ? { problems: [], count: 0 } : await rowProblems(conn, spec, references, maxProblems);
        if (!sound && rowLevel.count === 0) throw new Error('interne fout: de samenvatting en de probleemlijst van de controle verschillen');
        return reject([...problems, ...rowLevel.problems], problems.length + rowLevel.count);
      }

      // The previous file may have been committed meanwhile, possibly this very file.
      await ctx.turn;
      const committed = await oneCommitAtATime(store, async () => {
        const loadedMeanwhile = await loadedBefore();
        if (loadedMeanwhile) return loadedMeanwhile;
        progress('laden', 0);
        return commitDelivery(conn, {
          spec,
          rows: summary.rows,
          gemeente_code: report.gemeente_code,
          periode: report.periode,
          fileName: input.name,
          fileHash: source.hash,
          loadedBy: ctx.options.loadedBy ?? null,
          onRows: (rowsDone) => progress('laden', rowsDone),
        });
      });
      if ('outcome' in committed) return committed;
      return finish({
        outcome: committed.replacedDeliveryId === null ? 'loaded' : 'replaced',
        rows: summary.rows,
        delivery_id: committed.deliveryId,
        replaced_delivery_id: committed.replacedDeliveryId,
      });
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
