import { format } from "prettier";
import type { GeneratedFile } from "../emit/emit-connector.js";

/** Fixed, so output never depends on a `.prettierrc` where the generator happens to run. */
const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all" } as const;

/**
 * Formatted text by input text. Every connector carries the same runtime files, so a process
 * that generates several (tests, watch mode) formats each of them once.
 */
const formatted = new Map<string, Promise<string>>();
const MAX_CACHED = 1000;

function formatOnce(contents: string): Promise<string> {
  let result = formatted.get(contents);
  if (result === undefined) {
    result = format(contents, PRETTIER_OPTIONS);
    if (formatted.size >= MAX_CACHED) formatted.clear();
    formatted.set(contents, result);
    result.catch(() => formatted.delete(contents));
  }
  return result;
}

/** Stage `format`: every generated file through prettier, for readable, deterministic diffs. */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(files.map(async (file) => ({ ...file, contents: await formatOnce(file.contents) })));
}
