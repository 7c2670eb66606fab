import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PREBUILT_RUNTIME_FILE, transpileConnector, transpileFile } from "../../generator/sync/transpile-connector.js";
import { ts } from "../../generator/types/typescript-source.js";

/**
 * `gen-connector sync` runs the connector as JavaScript. `npm run build` (which `npm test` runs
 * first) transpiles the runtime files once; the connector's copies must be found there, header
 * and all, and come out exactly as transpiling them now would.
 */
it("takes every runtime file of a connector from the build, as transpiling it would make it", async () => {
  const root = join(import.meta.dirname, "..", "..");
  const config = JSON.parse(await readFile(join(root, "examples", "seed", "config.json"), "utf8")) as Record<string, unknown>;
  const { files } = await generate({ config, configPath: join(root, "examples", "seed", "config.json") });
  const prebuilt = JSON.parse(await readFile(PREBUILT_RUNTIME_FILE, "utf8")) as Record<string, string>;
  const runtime = files.filter((file) => file.path.startsWith("runtime/"));
  expect(runtime.length).toBeGreaterThan(20);
  const missing = runtime.filter((file) => !Object.hasOwn(prebuilt, createHash("sha256").update(file.contents).digest("hex")));
  expect(missing.map((file) => file.path)).toEqual([]);

  const transpiled = await transpileConnector(files);
  expect(transpiled.map((file) => file.path)).toEqual(files.map((file) => file.path.replace(/\.ts$/, ".js")));
  expect(transpiled.map((file) => file.contents)).toEqual(files.map((file) => transpileFile(ts, file.path, file.contents)));
}, 60_000);
