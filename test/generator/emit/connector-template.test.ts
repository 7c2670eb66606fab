import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompiledTemplateSource, TEMPLATE_FILE } from "../../../generator/emit/connector-template.js";
import { tempDir } from "../../support/temp-dir.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let built: { spec: object; templateSha256: string };
beforeAll(async () => {
  dir = await tempDir("connector-template");
  await writeFile(join(dir.path, "template.cjs"), precompiledTemplateSource(await readFile(TEMPLATE_FILE, "utf8")));
  built = createRequire(import.meta.url)(join(dir.path, "template.cjs")) as typeof built;
});
afterAll(() => dir?.cleanup());

describe("the precompiled connector template", () => {
  it("renders what the template compiled at run time renders", async () => {
    const Handlebars = (await import("handlebars")).default;
    const runtime = createRequire(import.meta.url)("handlebars/runtime") as typeof Handlebars;
    const text = await readFile(TEMPLATE_FILE, "utf8");
    const values = {
      header: "// header",
      imports: [{ from: '"./runtime/client.js"', names: "createHttpClient", typeOnly: false }],
      destinationExports: [],
      hasSchema: false,
      schemaSource: "",
      declarations: [],
      parentFieldTypes: [],
      resources: [],
      clients: [{ variable: "client", auth: "undefined" }],
      secretNames: "",
      secretDoc: "",
      sourceName: "s",
      sourceNameLiteral: '"s"',
      baseUrl: '"https://x"',
      configValues: undefined,
    };
    const compiled = Handlebars.compile(text, { noEscape: true, strict: true })(values);
    expect(runtime.template(built.spec)(values)).toBe(compiled);
    expect(compiled).toContain("createHttpClient");
  });

  it("names the template it was compiled from, so a stale build is never used", () => {
    expect(built.templateSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
