import { format } from "prettier";
import type { GeneratedFile } from "../emit/emit-connector.js";

/** Fixed, so output never depends on a `.prettierrc` where the generator happens to run. */
export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all" } as const;

/** A copy of a runtime file: committed already formatted with `PRETTIER_OPTIONS` (a test holds every one to it). */
function isRuntimeCopy(file: GeneratedFile): boolean {
  return file.path.startsWith("runtime/");
}

/**
 * Stage `format`: the files the generator wrote through prettier, for readable, deterministic diffs.
 * Runtime files are copied as they are: formatting them on every run was most of a run's time.
 */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(files.map(async (file) => (isRuntimeCopy(file) ? file : { ...file, contents: await format(file.contents, PRETTIER_OPTIONS) })));
}
