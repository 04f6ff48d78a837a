/**
 * The imports of the source tree as they are, read with the TypeScript parser (so comments and
 * strings that look like imports do not count, and `import type` is told apart). Used by
 * tests/architecture.test.ts; `npx tsx tests/helpers/importGraph.ts` prints the folder graph
 * that docs/architecture.md draws.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../store/paths.ts';

/** One import of one file: a project file (`to`, relative to the root) or a package (`pkg`). */
export interface ImportEdge {
  from: string;
  /** Project file imported, with `/` separators; absent for a package. */
  to?: string;
  /** Package name (`zod`, `@fastify/static`, `node:fs`); absent for a project file. */
  pkg?: string;
  /** Only types cross: nothing of the imported module runs, nothing is bundled. */
  typeOnly: boolean;
}

/** Folders that hold no source of the product: never part of the graph. */
const NOT_SOURCE = new Set(['node_modules', 'tests', 'data', 'artifacts', 'dist']);

const isSource = (name: string) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts');

/** Every .ts/.tsx file under a folder (generated and dependency folders left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || NOT_SOURCE.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : isSource(entry.name) ? [path] : [];
  });
}

/** Top-level folders that hold TypeScript source (tests/ and generated folders left out). */
export function topLevelFolders(root = PROJECT_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_SOURCE.has(e.name) && sourceFiles(join(root, e.name)).length > 0)
    .map((e) => e.name)
    .sort();
}

/** The top-level folder of a root-relative path; `(root)` for a file beside package.json. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts[0] : '(root)';
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `node:fs` stays. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every module specifier of one file with whether only types cross. */
function specifiersOf(source: ts.SourceFile): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      // `import { type A, type B }` is as type-only as `import type { A, B }`; a bare `import 'x'` runs x.
      const allNamedAreTypes =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: clause?.isTypeOnly === true || allNamedAreTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      // A dynamic import with a computed specifier (bench/etl.bench.ts) cannot be resolved and is not counted.
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import of every source file under the top-level folders. */
export function importEdges(root = PROJECT_ROOT): ImportEdge[] {
  const toPosix = (p: string) => p.split(sep).join('/');
  return topLevelFolders(root).flatMap((folder) =>
    sourceFiles(join(root, folder)).flatMap((file) => {
      const from = toPosix(relative(root, file));
      const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
      return specifiersOf(source).map(({ specifier, typeOnly }): ImportEdge =>
        specifier.startsWith('.')
          ? { from, to: toPosix(relative(root, resolve(dirname(file), specifier))), typeOnly }
          : { from, pkg: packageName(specifier), typeOnly },
      );
    }),
  );
}

/** Folder → the other project folders it imports, and whether every such import is type-only. */
export function folderGraph(edges: ImportEdge[]): Map<string, Map<string, { imports: number; typeOnly: boolean }>> {
  const graph = new Map<string, Map<string, { imports: number; typeOnly: boolean }>>();
  for (const edge of edges) {
    if (edge.to === undefined) continue;
    const a = folderOf(edge.from);
    const b = folderOf(edge.to);
    if (a === b) continue;
    const targets = graph.get(a) ?? new Map<string, { imports: number; typeOnly: boolean }>();
    const seen = targets.get(b) ?? { imports: 0, typeOnly: true };
    targets.set(b, { imports: seen.imports + 1, typeOnly: seen.typeOnly && edge.typeOnly });
    graph.set(a, targets);
  }
  return graph;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [from, targets] of [...folderGraph(importEdges())].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...targets].sort(([a], [b]) => a.localeCompare(b)).map(([to, t]) => `${to} (${t.imports}${t.typeOnly ? ', types only' : ''})`);
    console.log(`${from} → ${list.join(', ')}`);
  }
}
