import { readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configValidator } from "../../../generator/validate/schema-document.js";
import { standaloneValidatorSource } from "../../../generator/validate/standalone-validator.js";
import { tempDir } from "../../support/temp-dir.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const examples = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(ROOT, "examples", entry.name, "config.json"));

const invalid: unknown[] = [
  {},
  { client: { base_url: "https://x" }, resources: [] },
  { client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { paginator: { type: "offset", limit: -1 } } }] },
  { client: { base_url: "https://x", auth: { type: "api_key" } }, resources: ["a"] },
  { client: { base_url: "https://x" }, resources: ["a"], unknown_key: 1 },
];

let dir: Awaited<ReturnType<typeof tempDir>>;
let quick: ((config: unknown) => boolean) & { schemaSha256: string };
beforeAll(async () => {
  dir = await tempDir("standalone-validator");
  const schemaText = await readFile(join(ROOT, "generator", "config", "config.schema.json"), "utf8");
  await writeFile(join(dir.path, "validator.cjs"), standaloneValidatorSource(schemaText));
  quick = createRequire(import.meta.url)(join(dir.path, "validator.cjs")) as typeof quick;
});
afterAll(() => dir?.cleanup());

describe("the built config validator", () => {
  it("accepts and rejects exactly what the full validator does", async () => {
    const full = configValidator();
    for (const file of examples) {
      const config: unknown = JSON.parse(await readFile(file, "utf8"));
      expect(quick(config), file).toBe(true);
      expect(full(config)).toBe(true);
    }
    for (const config of invalid) {
      expect(quick(config), JSON.stringify(config)).toBe(false);
      expect(full(config)).toBe(false);
    }
  });

  it("names the schema it was compiled from, so a stale build is never used", () => {
    expect(quick.schemaSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
