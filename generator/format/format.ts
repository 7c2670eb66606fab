import { format } from "prettier";
import type { GeneratedFile } from "../emit/emit-connector.js";

/** Fixed, so output never depends on a `.prettierrc` where the generator happens to run. */
const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all" } as const;

/** Stage `format`: every generated file through prettier, for readable, deterministic diffs. */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(files.map(async (file) => ({ ...file, contents: await format(file.contents, PRETTIER_OPTIONS) })));
}
