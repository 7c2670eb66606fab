/**
 * Runs a connector without writing it anywhere the user sees: its JavaScript files go into a
 * temporary folder whose `node_modules` is gen-connector's own, so the connector's `ofetch` and
 * the destination drivers resolve as they do for gen-connector.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
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

/** Imports the connector from JavaScript `files` (`transpileConnector`'s). */
export async function loadConnector(files: readonly GeneratedFile[]): Promise<LoadedConnector> {
  const dir = await mkdtemp(join(tmpdir(), "gen-connector-sync-"));
  try {
    await writeFile(join(dir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
    await symlink(packagesFolder(), join(dir, "node_modules"), "dir");
    for (const file of files) {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    const module = (await import(pathToFileURL(join(dir, "index.js")).href)) as Record<string, unknown>;
    return { module, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
