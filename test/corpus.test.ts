import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeConnector, type GenerateResult } from "../generator/index.js";
import { tempDir } from "./support/temp-dir.js";
import { typeCheck } from "./support/typecheck.js";

/**
 * The public corpus: real published OpenAPI documents (test/fixtures/corpus/<name>/,
 * each with a LICENSE-NOTE.md), Swagger 2.0 to OpenAPI 3.1, JSON and YAML, a few kB
 * to GitHub's 13 MB description (committed brotli-compressed and unpacked by the
 * global setup, so nothing is fetched at test time). Every config generates, every connector
 * type-checks under the strictest options, and every record type comes from the spec.
 */
const CORPUS = join(import.meta.dirname, "fixtures", "corpus");
const NAMES = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let dir: Awaited<ReturnType<typeof tempDir>>;
const results = new Map<string, GenerateResult>();

beforeAll(async () => {
  dir = await tempDir("corpus");
  // One at a time: generation is CPU-bound, and the big specs would only contend for two cores.
  for (const name of NAMES) {
    const configPath = join(CORPUS, name, "config.json");
    const config: unknown = JSON.parse(await readFile(configPath, "utf8"));
    const result = await generate({ config, configPath, outDir: join(dir.path, name) });
    await writeConnector(result);
    results.set(name, result);
  }
}, 240_000);

afterAll(async () => {
  await dir?.cleanup();
});

describe("the public corpus", () => {
  it("has at least 15 specs, each with a config and a license note", () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(15);
    for (const name of NAMES) expect(readdirSync(join(CORPUS, name))).toEqual(expect.arrayContaining(["config.json", "LICENSE-NOTE.md"]));
  });

  it.each(NAMES)("%s: every resource's record type derives from the spec (no warnings)", (name) => {
    expect(results.get(name)?.warnings).toEqual([]);
  });

  it("type-checks every connector under strict, in one program", () => {
    const started = performance.now();
    const diagnostics = typeCheck(NAMES.map((name) => join(dir.path, name, "index.ts")));
    console.info(`corpus type-check: ${NAMES.length} connectors in ${Math.round(performance.now() - started)} ms`);
    expect(diagnostics).toEqual([]);
  }, 180_000);

  it("generates GitHub's 30-resource connector from the full REST description", () => {
    const github = results.get("github")!;
    expect(github.files.find((file) => file.path === "index.ts")?.contents.match(/^export interface \w+ /gm)?.length).toBeGreaterThanOrEqual(30);
  });
});
