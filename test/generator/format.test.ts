import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../generator/format/format.js";

const ROOT = join(import.meta.dirname, "..", "..");
const connectors = (await readdir(join(ROOT, "generated"), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

describe("formatting with Babel's TypeScript parser", () => {
  // The generator formats with `babel-ts` (quicker to load); users and `npm run format:runtime` use `typescript`.
  it.each(connectors)("generated/%s/index.ts is what the typescript parser prints", async (name) => {
    const file = join(ROOT, "generated", name, "index.ts");
    const contents = await readFile(file, "utf8");
    expect(await format(contents, PRETTIER_OPTIONS)).toBe(contents);
  });
});

describe("prettier's code cache", () => {
  const CACHE = join(ROOT, "node_modules", ".cache", "gen-connector", `v8-${process.versions.v8}-${process.arch}`);
  const check = () => promisify(execFile)(process.execPath, [join(ROOT, "generator", "bin", "gen-connector.js"), "--check", join(ROOT, "examples", "seed", "config.json")], { cwd: ROOT });

  it("is kept after a run, and a corrupt one is rejected, replaced, and changes no output", async () => {
    await check();
    const files = (await readdir(CACHE)).filter((name) => name.endsWith(".bin"));
    expect(files.map((name) => name.replace(/-[0-9a-f]{16}\.bin$/, "")).sort()).toEqual(["babel", "estree", "standalone"]);
    for (const name of files) await writeFile(join(CACHE, name), "not V8's code cache");
    const { stdout } = await check();
    expect(stdout).toContain("is up to date");
    for (const name of files) expect((await readFile(join(CACHE, name))).length).toBeGreaterThan(10_000);
  }, 60_000);
});
