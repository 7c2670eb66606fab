/**
 * Runs a connector without writing it anywhere the user sees: its generated TypeScript is
 * transpiled into a temporary folder whose `node_modules` is gen-connector's own, so the
 * connector's `ofetch` and the destination drivers resolve as they do for gen-connector.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "../types/typescript-source.js";
import type { GeneratedFile } from "../emit/emit-connector.js";

/** The connector's module, loaded; `dispose` removes its temporary folder. */
export interface LoadedConnector {
  module: Record<string, unknown>;
  dispose(): Promise<void>;
}

/** The `node_modules` folder gen-connector resolves `ofetch` from. */
function packagesFolder(): string {
  const ofetch = createRequire(import.meta.url).resolve("ofetch/package.json");
  return dirname(dirname(ofetch));
}

export async function loadConnector(files: readonly GeneratedFile[]): Promise<LoadedConnector> {
  const dir = await mkdtemp(join(tmpdir(), "gen-connector-sync-"));
  try {
    await writeFile(join(dir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
    await symlink(packagesFolder(), join(dir, "node_modules"), "dir");
    for (const file of files) {
      const { outputText } = ts.transpileModule(file.contents, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, rewriteRelativeImportExtensions: true },
        fileName: file.path,
      });
      const target = join(dir, file.path.replace(/\.ts$/, ".js"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
    const module = (await import(pathToFileURL(join(dir, "index.js")).href)) as Record<string, unknown>;
    return { module, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
