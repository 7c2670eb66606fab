import type { GeneratedFile } from "../emit/emit-connector.js";
import { loadPrettier, saveCodeCache } from "./prettier-code-cache.js";

/**
 * The style of every file in a connector, fixed so output never depends on a `.prettierrc` where the
 * generator happens to run. Runtime files are committed in it (`npm run format:runtime`).
 */
export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all" } as const;

/** A copy of a runtime file: committed already formatted with `PRETTIER_OPTIONS` (a test holds every one to it). */
function isRuntimeCopy(file: GeneratedFile): boolean {
  return file.path.startsWith("runtime/");
}

/**
 * Stage `format`: the files the generator wrote through prettier, for readable, deterministic diffs.
 * Runtime files are copied as they are: formatting them on every run was most of a run's time.
 *
 * Prettier runs as its standalone build with only the plugins TypeScript needs (its main module
 * resolves config files and loads plugins from disk, which we never use), and with Babel's
 * TypeScript parser, which loads and parses in about half the time of the `typescript` one. A test
 * holds every committed connector to what the `typescript` parser prints.
 */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  const { format, plugins } = loadPrettier();
  const options = { ...PRETTIER_OPTIONS, parser: "babel-ts", plugins };
  const formatted = await Promise.all(files.map(async (file) => (isRuntimeCopy(file) ? file : { ...file, contents: await format(file.contents, options) })));
  saveCodeCache();
  return formatted;
}
