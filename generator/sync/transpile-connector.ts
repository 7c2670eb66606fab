/** A generated connector's TypeScript as JavaScript, for `sync` to import without a build step. */
import { ts } from "../types/typescript-source.js";
import type { GeneratedFile } from "../emit/emit-connector.js";

/** Each file transpiled on its own (types erased, relative imports ending in `.js`), paths ending in `.js`. */
export function transpileConnector(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.map((file) => ({
    path: file.path.replace(/\.ts$/, ".js"),
    contents: ts.transpileModule(file.contents, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, rewriteRelativeImportExtensions: true },
      fileName: file.path,
    }).outputText,
  }));
}
