/**
 * A generated connector's TypeScript as JavaScript, for `sync` to import without a build step.
 * The runtime files a connector copies are transpiled once, by `npm run build`, into
 * generator/dist/runtime-javascript.json, keyed by the SHA-256 of their TypeScript: a file found
 * there is not transpiled again (most of a connector, and most of the time TypeScript took).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as TypeScript from "typescript";
import type { GeneratedFile } from "../emit/emit-connector.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { sha256 } from "../source-hash.js";

export const PREBUILT_RUNTIME_FILE = join(PACKAGE_ROOT, "generator", "dist", "runtime-javascript.json");

/** One file, types erased, relative imports ending in `.js`. */
export function transpileFile(ts: typeof TypeScript, path: string, contents: string): string {
  return ts.transpileModule(contents, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, rewriteRelativeImportExtensions: true },
    fileName: path,
  }).outputText;
}

/** The build's runtime JavaScript by TypeScript hash; none when running from the sources without a build. */
function prebuiltRuntime(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(PREBUILT_RUNTIME_FILE, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

/** The build's entry for each runtime file: `{ [sha256 of its TypeScript]: its JavaScript }`. */
export function prebuiltEntries(ts: typeof TypeScript, files: readonly { path: string; contents: string }[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [sha256(file.contents), transpileFile(ts, file.path, file.contents)]));
}

/** Each file transpiled on its own (or taken from the build), paths ending in `.js`. */
export async function transpileConnector(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  const prebuilt = prebuiltRuntime();
  let ts: typeof TypeScript | undefined;
  const output: GeneratedFile[] = [];
  for (const file of files) {
    const hash = sha256(file.contents);
    let contents = Object.hasOwn(prebuilt, hash) ? prebuilt[hash] : undefined;
    if (contents === undefined) {
      ts ??= (await import("../types/typescript-source.js")).ts;
      contents = transpileFile(ts, file.path, file.contents);
    }
    output.push({ path: file.path.replace(/\.ts$/, ".js"), contents });
  }
  return output;
}
