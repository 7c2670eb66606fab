import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";

/** Where the runtime's TypeScript sources live; they are copied as they are into each connector. */
export const RUNTIME_DIR = join(PACKAGE_ROOT, "templates", "runtime");

export interface RuntimeFile {
  /** Relative to the runtime folder, POSIX separators: `paginators/offset.ts`. */
  path: string;
  contents: string;
}

/**
 * `import … from "…"`, `export … from "…"` and `import "…"` at the start of a line. The runtime is
 * our own prettier-formatted code, so statements start lines; a test holds this to what the
 * TypeScript parser finds in every runtime file. No parser here: loading one costs a second.
 */
const MODULE_SPECIFIER = /^(?:import\s*["']([^"']+)["']|(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["'])/gm;

/** The module specifiers of a file's relative imports and re-exports, resolved against it. */
export function relativeDependencies(path: string, contents: string): string[] {
  const specifiers = [...contents.matchAll(MODULE_SPECIFIER)].map((match) => (match[1] ?? match[2])!).filter((specifier) => specifier.startsWith("."));
  return specifiers.map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

/** Each runtime file's contents, read once per process: they are part of the installed package. */
const cache = new Map<string, Promise<string>>();

function readRuntimeFile(path: string): Promise<string> {
  let contents = cache.get(path);
  if (contents === undefined) {
    contents = readFile(join(RUNTIME_DIR, path), "utf8");
    // A failed read is not kept: the next run tries again.
    contents.catch(() => cache.delete(path));
    cache.set(path, contents);
  }
  return contents;
}

/**
 * The runtime files a connector needs: the entry files it imports and
 * everything they import in turn, so a connector carries only the paginators
 * and auth types its config uses. Sorted by path, for stable output.
 */
export async function runtimeFiles(entries: Iterable<string>): Promise<RuntimeFile[]> {
  const files = new Map<string, string>();
  // Breadth first, each level's files read together.
  let level = [...new Set(entries)];
  while (level.length > 0) {
    const contents = await Promise.all(level.map(readRuntimeFile));
    level.forEach((path, index) => files.set(path, contents[index]!));
    level = [...new Set(level.flatMap((path, index) => relativeDependencies(path, contents[index]!)))].filter((path) => !files.has(path));
  }
  return [...files.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, contents]) => ({ path, contents }));
}
