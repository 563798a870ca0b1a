import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The modules a bundler pulls into one chunk, found without bundling: every static `import` / `export
 * ... from` and dynamic `import()` reachable from an entry, resolved the way `tsconfig.json` resolves
 * them. A worker started with `new Worker(new URL(...))` is its own chunk, so it is not followed;
 * `import type` and `export type` are erased and not followed either. Imports that keep a module for
 * its side effects (`import {type A} from`, which `verbatimModuleSyntax` compiles to `import {} from`)
 * are followed, so the graph is never smaller than what the bundle holds.
 *
 * Packages are not read file by file: a package counts as reached with everything its `package.json`
 * depends on (`dependencies` and `peerDependencies`, transitively), again erring on the larger side.
 */
export interface ImportGraph {
  /** Project files reached, relative to the root, e.g. `src/ui/App.tsx`. */
  readonly files: ReadonlySet<string>;
  /** Package names reached, e.g. `react`, `@tensorflow/tfjs-core`. */
  readonly packages: ReadonlySet<string>;
  /** How each file or package was first reached: the importer's path (relative to the root). */
  readonly parent: ReadonlyMap<string, string>;
}

/** root: the project root holding `tsconfig.json` and `node_modules`; entry: relative to it. */
export function importGraph(root: string, entry: string): ImportGraph {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`No tsconfig.json in ${root}`);
  const files = new Set<string>();
  const packages = new Set<string>();
  const parent = new Map<string, string>();
  const queue = [resolve(root, entry)];
  files.add(entry);

  const reachPackage = (name: string, from: string): void => {
    if (packages.has(name)) return;
    packages.add(name);
    parent.set(name, from);
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) reachPackage(dep, name);
  };

  while (queue.length > 0) {
    const file = queue.pop()!;
    const from = relative(root, file);
    for (const specifier of runtimeImports(file)) {
      const bare = specifier.split('?')[0];
      if (!bare.startsWith('.') && !bare.startsWith('/')) {
        reachPackage(packageName(bare), from);
        continue;
      }
      const target = resolveLocal(bare, file, config.options);
      const rel = relative(root, target);
      if (files.has(rel)) continue;
      files.add(rel);
      parent.set(rel, from);
      if (/\.(ts|tsx|js|mjs)$/.test(target)) queue.push(target);
    }
  }
  return { files, packages, parent };
}

/** The chain of importers from the entry to `node`, e.g. `src/main.tsx > src/ui/App.tsx > react`. */
export function importChain(graph: ImportGraph, node: string): string {
  const chain = [node];
  for (let at = graph.parent.get(node); at !== undefined; at = graph.parent.get(at)) chain.unshift(at);
  return chain.join(' > ');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveLocal(specifier: string, importer: string, options: ts.CompilerOptions): string {
  const resolved = ts.resolveModuleName(specifier, importer, options, ts.sys).resolvedModule;
  if (resolved) return resolved.resolvedFileName;
  // Assets (CSS, JSON, ?url) resolve as plain files next to the importer.
  const plain = resolve(dirname(importer), specifier);
  if (existsSync(plain)) return plain;
  throw new Error(`Cannot resolve '${specifier}' from ${importer}`);
}

/** The specifiers of the imports in `file` that survive compilation. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
