import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConnector, generateFromFile } from "../generator/index.js";
import { typeCheck } from "./support/typecheck.js";

const examples = (await readdir("examples", { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => join("examples", entry.name, "config.json"));

describe("committed connectors in generated/", () => {
  it.each(examples)("%s: generated/ matches what the generator makes now", async (configPath) => {
    const result = await generateFromFile(configPath);
    expect(await checkConnector(result), "run `npm run generate` and commit generated/").toEqual([]);
  });

  // One compiler program over every connector: ~15 s of CPU, so twice that on a busy 2-core machine.
  it("all type-check under strict settings", { timeout: 120_000 }, () => {
    expect(typeCheck(examples.map((config) => join("generated", config.split("/")[1]!, "index.ts")))).toEqual([]);
  });
});
