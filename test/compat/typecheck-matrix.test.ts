import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../support/run-command.js";
import { runtimeBinary } from "../support/runtimes.js";
import { presetOptions, typeCheckUnder } from "../support/preset-typecheck.js";

const PRESETS_DIR = join(import.meta.dirname, "tsconfig");
const presets = readdirSync(PRESETS_DIR).filter((file) => file.endsWith(".json")).sort();
const connectors = readdirSync("generated").map((name) => join("generated", name, "index.ts")).sort();
// Every runtime file too, not only those the examples reach: a new runtime file is checked the day it is added.
const runtimeFiles = (readdirSync("templates/runtime", { recursive: true }) as string[])
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join("templates", "runtime", file))
  .sort();

describe("every connector under generated/ type-checks in the projects users have", () => {
  it("covers every example, with header_link and auto paginators among them", () => {
    expect(connectors).toEqual(expect.arrayContaining(["generated/header-link/index.ts", "generated/auto/index.ts"]));
    expect(connectors.length).toBe(readdirSync("examples", { withFileTypes: true }).filter((entry) => entry.isDirectory()).length);
  });

  it("has a preset with the ES2020 library and no DOM, so the runtime cannot use a newer API", () => {
    const options = presetOptions(join(PRESETS_DIR, "strictest-es2020.json"));
    expect(options.lib).toEqual(["lib.es2020.d.ts"]);
    expect(options.types).toEqual(["node"]);
  });

  // One program per preset over all connectors and the runtime: fast, and every file is seen.
  it.each(presets)("%s", async (preset) => {
    expect(await typeCheckUnder(join(PRESETS_DIR, preset), [...connectors, ...runtimeFiles])).toEqual([]);
  }, 120_000);

  it("deno check", async () => {
    // `--sloppy-imports`: these connectors import `./runtime/x.js` for `x.ts`; `--import-extension ts` needs no flag.
    const result = await runCommand(runtimeBinary("deno"), ["check", "--quiet", "--sloppy-imports", ...connectors]);
    expect(result.stderr + result.stdout).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);
});

