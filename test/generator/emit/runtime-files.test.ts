import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { format } from "prettier";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { runtimeHeader } from "../../../generator/emit/header.js";
import { relativeDependencies, RUNTIME_DIR } from "../../../generator/emit/runtime-files.js";
import { PRETTIER_OPTIONS } from "../../../generator/format/format.js";

const runtimeFiles = (await readdir(RUNTIME_DIR, { recursive: true }))
  .filter((path) => path.endsWith(".ts"))
  .map((path) => path.split("\\").join("/"))
  .sort();

/** What the TypeScript parser finds: the reference the generator's quick scan must match. */
function parsedDependencies(path: string, contents: string): string[] {
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("file.ts", contents);
  return [...file.getImportDeclarations(), ...file.getExportDeclarations()]
    .map((declaration) => declaration.getModuleSpecifierValue())
    .filter((specifier): specifier is string => specifier !== undefined && specifier.startsWith("."))
    .map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

describe("runtime files copied into connectors", () => {
  it("exist", () => {
    expect(runtimeFiles).toContain("client.ts");
    expect(runtimeFiles).toContain("paginators/offset.ts");
  });

  // The generator copies them without running prettier, so generated connectors stay formatted only if these are.
  it.each(runtimeFiles)("%s is prettier-formatted as copied, with its header", async (path) => {
    const copied = `${runtimeHeader(path)}\n\n${await readFile(join(RUNTIME_DIR, path), "utf8")}`;
    expect(await format(copied, PRETTIER_OPTIONS)).toBe(copied);
  });

  it("the generator finds the same relative imports as the TypeScript parser, in every runtime file", async () => {
    for (const path of runtimeFiles) {
      const contents = await readFile(join(RUNTIME_DIR, path), "utf8");
      expect(relativeDependencies(path, contents).sort(), path).toEqual(parsedDependencies(path, contents).sort());
    }
  });

  it("the import scan ignores strings and comments that only look like imports", () => {
    const contents = 'export const separator = "./x.js";\n// import { a } from "./commented.js"\nimport "./side-effect.js";\n';
    expect(relativeDependencies("paginators/a.ts", contents)).toEqual(["paginators/side-effect.ts"]);
  });
});
