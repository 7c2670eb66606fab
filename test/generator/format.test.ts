import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
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
