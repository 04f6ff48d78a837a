/**
 * The layering of docs/architecture.md, held against the imports as they are: every import
 * between top-level folders must be one the rules allow, so a new one that breaks them fails
 * here, naming the file. Type-only imports count too: they tie a folder to another's shapes.
 */
import { describe, expect, it } from 'vitest';
import { folderGraph, folderOf, importEdges, topLevelFolders, type ImportEdge } from './helpers/importGraph.ts';

/** What each top-level folder may import of the others (its own files always). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  contract: [],
  region: ['contract'],
  store: ['contract', 'region'],
  etl: ['contract', 'region', 'store'],
  indicators: ['contract', 'region', 'store'],
  server: ['contract', 'region', 'store', 'etl', 'indicators'],
  report: ['contract', 'region', 'store', 'indicators'],
  // The bundle carries only what web/ imports: the contract's types, nothing that reads the store.
  web: ['contract'],
  // The generator is the loader's and the engine's independent ground truth: it shares no code with them.
  fixtures: ['contract', 'region'],
  // The start script: wires the store, the server and the demo data together (issue 12's seam
  // that keeps fixtures/ out of server/), so it may use every product folder.
  ops: ['contract', 'region', 'store', 'etl', 'indicators', 'server', 'report', 'fixtures'],
  // A bench drives the app as the tests do (a child server, a multipart body): it reuses their helpers.
  bench: ['contract', 'region', 'store', 'etl', 'indicators', 'server', 'report', 'web', 'fixtures', 'ops', 'tests'],
};

/**
 * Single files another folder may import although its folder may not: pure readers of a file
 * format that share no domain rule. The fixture writer patches its XLSX archives with the same
 * central-directory reader the loader checks them with (a zip is a zip on both sides).
 */
const FORMAT_READERS: readonly { from: string; to: string }[] = [{ from: 'fixtures/writers.ts', to: 'etl/zipDirectory.ts' }];

/** Packages a folder must not import: the engine knows nothing of HTTP or of the browser. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  indicators: /^(fastify|fastify-.*|@fastify\/.*|preact|echarts|playwright-core)$/,
  store: /^(fastify|fastify-.*|@fastify\/.*|preact|echarts|playwright-core)$/,
  // Every layer, the web included, takes its shapes from contract/: it may lean on zod only.
  contract: /^(?!zod$).*/,
};

/**
 * Imports that break the rules and are to go, listed per file, so that any other import of the
 * same kind still fails. Empty: issue 12's exceptions (server/ ⇄ report/, server/ → fixtures/)
 * are gone; the start script in ops/ owns those seams. Add an entry only with a plan to remove it.
 */
const KNOWN_EXCEPTIONS: readonly { from: string; to: string }[] = [];

/**
 * Files of `web/` that load zod at run time, directly or through project modules they import
 * as values (type-only imports are erased, so they never put zod in the bundle).
 */
function webFilesLoadingZod(edges: ImportEdge[]): string[] {
  const loads = new Map<string, ImportEdge[]>();
  for (const e of edges) if (!e.typeOnly) loads.set(e.from, [...(loads.get(e.from) ?? []), e]);
  const via = (file: string, seen: Set<string>): string | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const e of loads.get(file) ?? []) {
      if (e.pkg === 'zod') return file;
      const found = e.to === undefined ? null : via(e.to, seen);
      if (found !== null) return found;
    }
    return null;
  };
  const webFiles = [...new Set(edges.map((e) => e.from).filter((f) => folderOf(f) === 'web'))];
  return webFiles.flatMap((file) => {
    const culprit = via(file, new Set());
    return culprit === null ? [] : [`${file} loads zod${culprit === file ? '' : ` through ${culprit}`}`];
  });
}

/** Every import that breaks a rule, in words that say which file does what. */
function violations(
  edges: ImportEdge[],
  rules = MAY_IMPORT,
  forbidden = FORBIDDEN_PACKAGES,
  exceptions: readonly { from: string; to: string }[] = [...KNOWN_EXCEPTIONS, ...FORMAT_READERS],
): string[] {
  const excepted = (e: ImportEdge) => exceptions.some((x) => x.from === e.from && x.to === e.to);
  return edges.flatMap((e) => {
    const from = folderOf(e.from);
    if (e.pkg !== undefined) return forbidden[from]?.test(e.pkg) ? [`${e.from} imports the package ${e.pkg}`] : [];
    const to = folderOf(e.to!);
    if (to === from || excepted(e)) return [];
    const allowed = rules[from];
    if (allowed === undefined) return [`${e.from}: the folder ${from}/ has no rule (add it to MAY_IMPORT and docs/architecture.md)`];
    return allowed.includes(to) ? [] : [`${e.from} imports ${e.to} (${from}/ may import ${allowed.join(', ') || 'no other folder'})`];
  });
}

const edges = importEdges();

describe('the import graph', () => {
  it('is read from every source folder, with type-only imports told apart', () => {
    const folders = topLevelFolders();
    expect(folders).toEqual(expect.arrayContaining(['contract', 'region', 'store', 'etl', 'indicators', 'server', 'report', 'web', 'fixtures', 'bench']));
    expect(folders.filter((f) => MAY_IMPORT[f] === undefined)).toEqual([]);
    const graph = folderGraph(edges);
    // Known facts of the tree: the server calls the engine, the web takes only the contract's types.
    expect(graph.get('server')?.get('indicators')).toMatchObject({ typeOnly: false });
    expect(graph.get('web')?.get('contract')?.imports).toBeGreaterThan(0);
    expect(edges.some((e) => e.from === 'contract/domain.ts' && e.pkg === 'zod' && !e.typeOnly)).toBe(true);
  });

  it('follows the layering rules, apart from the known exceptions', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('keeps zod out of the web bundle: the web imports the contract for types, or modules without zod', () => {
    expect(webFilesLoadingZod(edges)).toEqual([]);
  });

  it('keeps the engine free of the server, the web and fastify', () => {
    const engine = edges.filter((e) => folderOf(e.from) === 'indicators');
    expect(engine.length).toBeGreaterThan(0);
    expect(engine.filter((e) => e.to !== undefined && ['server', 'web', 'report'].includes(folderOf(e.to)))).toEqual([]);
    expect(engine.filter((e) => e.pkg !== undefined && /fastify/.test(e.pkg))).toEqual([]);
  });
});

describe('the rule check', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

  it('reports an import the rules do not allow, type-only or not', () => {
    expect(violations([edge('indicators/engine.ts', 'server/app.ts')])).toEqual([
      'indicators/engine.ts imports server/app.ts (indicators/ may import contract, region, store)',
    ]);
    expect(violations([edge('web/lib/api.ts', 'region/config.ts', true)])).toHaveLength(1);
    expect(violations([edge('contract/domain.ts', 'store/store.ts', true)])).toEqual([
      'contract/domain.ts imports store/store.ts (contract/ may import no other folder)',
    ]);
  });

  it('reports a forbidden package, and lets the contract lean on zod alone', () => {
    expect(violations([{ from: 'indicators/facts.ts', pkg: '@fastify/static', typeOnly: false }])).toEqual([
      'indicators/facts.ts imports the package @fastify/static',
    ]);
    expect(violations([{ from: 'contract/api.ts', pkg: 'zod', typeOnly: false }])).toEqual([]);
    expect(violations([{ from: 'contract/api.ts', pkg: 'fastify', typeOnly: true }])).toHaveLength(1);
  });

  it('lets a known exception pass only for its own file and target', () => {
    const exceptions = [{ from: 'server/demoData.ts', to: 'fixtures/index.ts' }];
    expect(violations([edge('server/demoData.ts', 'fixtures/index.ts')], MAY_IMPORT, FORBIDDEN_PACKAGES, exceptions)).toEqual([]);
    expect(violations([edge('server/start.ts', 'fixtures/index.ts')], MAY_IMPORT, FORBIDDEN_PACKAGES, exceptions)).toHaveLength(1);
    expect(violations([edge('server/demoData.ts', 'fixtures/simulate.ts')], MAY_IMPORT, FORBIDDEN_PACKAGES, exceptions)).toHaveLength(1);
  });

  it('holds server/ and report/ apart in both directions', () => {
    expect(violations([edge('server/routes/report.ts', 'report/render.ts')])).toHaveLength(1);
    expect(violations([edge('report/render.ts', 'server/auth/sessions.ts', true)])).toHaveLength(1);
    expect(edges.filter((e) => e.to !== undefined && [folderOf(e.from), folderOf(e.to)].sort().join('-') === 'report-server')).toEqual([]);
  });

  it('finds zod that a web file loads through a value import, and not through a type-only one', () => {
    const zod = (from: string): ImportEdge => ({ from, pkg: 'zod', typeOnly: false });
    expect(webFilesLoadingZod([edge('web/lib/labels.ts', 'contract/domain.ts', true), zod('contract/domain.ts')])).toEqual([]);
    expect(webFilesLoadingZod([edge('web/lib/labels.ts', 'contract/rows.ts'), edge('contract/rows.ts', 'contract/domain.ts'), zod('contract/domain.ts')])).toEqual([
      'web/lib/labels.ts loads zod through contract/domain.ts',
    ]);
  });

  it('asks for a rule for a folder it does not know', () => {
    expect(violations([edge('lib/queue.ts', 'store/store.ts')])).toEqual([
      'lib/queue.ts: the folder lib/ has no rule (add it to MAY_IMPORT and docs/architecture.md)',
    ]);
  });
});
