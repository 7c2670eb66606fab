import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../generator/errors.js";
import { loadOpenApi } from "../../../generator/types/load-openapi.js";
import { tempDir } from "../../support/temp-dir.js";
import { FIXTURES } from "./derive.js";

/** Every `$ref` string anywhere in `node`. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [value] : refs(value)));
}

describe("loadOpenApi", () => {
  it("bundles a description split across three files into one document with only local $refs", async () => {
    const document = await loadOpenApi(join(FIXTURES, "multi-file/openapi.yaml"));
    expect(refs(document).length).toBeGreaterThan(0);
    expect(refs(document).every((ref) => ref.startsWith("#/"))).toBe(true);
    expect(Object.keys((document["components"] as { schemas: object }).schemas).sort()).toEqual(["Line", "customer", "order"]);
  });

  it("converts Swagger 2.0 to OpenAPI 3.0: x-nullable becomes nullable, definitions become components, basePath a server", async () => {
    const document = await loadOpenApi(join(FIXTURES, "swagger-2.0.yaml"));
    expect(document["openapi"]).toMatch(/^3\.0\./);
    expect(document["servers"]).toEqual([{ url: "//api.example.com/api/v2" }]);
    const schemas = (document["components"] as { schemas: Record<string, { properties?: Record<string, object>; nullable?: boolean }> }).schemas;
    expect(schemas["Part"]?.properties?.["serial"]).toEqual({ type: "string", nullable: true });
    expect(schemas["Maker"]?.nullable).toBe(true);
    expect(JSON.stringify(document)).not.toContain(`"x-nullable":`);
    expect(refs(document).every((ref) => ref.startsWith("#/components/"))).toBe(true);
  });

  it("reads OpenAPI 3.1 as it is", async () => {
    const document = await loadOpenApi(join(FIXTURES, "type-arrays-3.1.yaml"));
    expect(document["openapi"]).toBe("3.1.0");
  });

  it("reads JSON as well as YAML", async () => {
    const dir = await tempDir("openapi-json");
    try {
      const file = join(dir.path, "openapi.json");
      await writeFile(file, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} }));
      expect((await loadOpenApi(file))["paths"]).toEqual({});
    } finally {
      await dir.cleanup();
    }
  });

  it.each([
    ["a file that is not there", "missing.yaml", /cannot read .*missing\.yaml: ENOENT/],
    ["a file that is not an OpenAPI document", "order.schema.json", /is not an OpenAPI document/],
  ])("rejects %s with a ConfigError", async (_what, name, message) => {
    const error = await loadOpenApi(join(FIXTURES, name)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
  });

  it("names the $ref that does not resolve", async () => {
    const dir = await tempDir("openapi-broken");
    try {
      const file = join(dir.path, "openapi.yaml");
      await writeFile(file, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    A: { $ref: "./nowhere.yaml" }\n');
      const error = await loadOpenApi(file).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain("nowhere.yaml");
    } finally {
      await dir.cleanup();
    }
  });
});
