import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate, writeConnector } from "../../generator/index.js";
import { tempDir } from "./temp-dir.js";

/** The surface every generated connector has, loosely typed: tests of configs without a schema use it. */
export interface LooseConnector {
  createSource(options?: Record<string, unknown>): {
    resources: Record<string, { records(): AsyncGenerator<unknown>; pages(): AsyncGenerator<{ records: unknown[]; number: number; url: string }> }>;
  };
  resourceMetadata: Record<string, unknown>;
  [name: string]: unknown;
}

/** A connector generated from `config` into a fresh folder under test/.tmp, imported, with its folder. */
export async function generateConnector(
  prefix: string,
  config: unknown,
  options: { openapi?: string } = {},
): Promise<{ module: LooseConnector; dir: string; files: { path: string; contents: string }[]; warnings: string[]; cleanup: () => Promise<void> }> {
  const dir = await tempDir(prefix);
  try {
    const result = await generate({ config, outDir: dir.path, ...options });
    await writeConnector(result);
    const module = (await import(pathToFileURL(join(dir.path, "index.ts")).href)) as LooseConnector;
    return { module, dir: dir.path, files: result.files, warnings: result.warnings, cleanup: dir.cleanup };
  } catch (error) {
    await dir.cleanup();
    throw error;
  }
}
