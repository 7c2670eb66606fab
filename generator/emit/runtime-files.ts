import { readFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { Project } from "ts-morph";

/** Where the runtime's TypeScript sources live; they are copied as they are into each connector. */
export const RUNTIME_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates", "runtime");

export interface RuntimeFile {
  /** Relative to the runtime folder, POSIX separators: `paginators/offset.ts`. */
  path: string;
  contents: string;
}

/** Parsed imports by file contents: the runtime files are the same for every connector a process generates. */
const dependencyCache = new Map<string, string[]>();

/** The module specifiers of a file's relative imports and re-exports, resolved against it. */
function relativeDependencies(path: string, contents: string): string[] {
  const key = `${path}\u0000${contents}`;
  const cached = dependencyCache.get(key);
  if (cached !== undefined) return cached;
  const dependencies = parseRelativeDependencies(path, contents);
  dependencyCache.set(key, dependencies);
  return dependencies;
}

function parseRelativeDependencies(path: string, contents: string): string[] {
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("file.ts", contents);
  const specifiers = [...file.getImportDeclarations(), ...file.getExportDeclarations()]
    .map((declaration) => declaration.getModuleSpecifierValue())
    .filter((specifier): specifier is string => specifier !== undefined && specifier.startsWith("."));
  return specifiers.map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

/**
 * The runtime files a connector needs: the entry files it imports and
 * everything they import in turn, so a connector carries only the paginators
 * and auth types its config uses. Sorted by path, for stable output.
 */
export async function runtimeFiles(entries: Iterable<string>): Promise<RuntimeFile[]> {
  const files = new Map<string, string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (files.has(path)) continue;
    const contents = await readFile(join(RUNTIME_DIR, path), "utf8");
    files.set(path, contents);
    pending.push(...relativeDependencies(path, contents));
  }
  return [...files.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, contents]) => ({ path, contents }));
}
