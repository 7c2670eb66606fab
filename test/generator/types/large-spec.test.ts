import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOpenApi } from "../../../generator/types/load-openapi.js";
import { recordTypes } from "../../../generator/types/record-types.js";
import { tempDir } from "../../support/temp-dir.js";
import { connectorModel } from "./derive.js";

/**
 * A description of GitHub's size (13 MB of JSON, 1,500 schemas, 1,200 paths) whose
 * schemas refer to each other in long chains: loading it must not overflow the
 * stack, and deriving types must stay linear in the printed output.
 */
function largeDescription(): object {
  const count = 1500;
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    const properties: Record<string, unknown> = {};
    for (let field = 0; field < 25; field++) {
      properties[`field_${field}`] =
        field % 5 === 0
          ? { $ref: `#/components/schemas/schema-${(index * 7 + field) % count}`, description: "A link to another schema. ".repeat(4) }
          : { type: field % 2 ? "string" : "integer", nullable: field % 3 === 0, description: "Some words about this field. ".repeat(8) };
    }
    schemas[`schema-${index}`] = { type: "object", required: ["field_1"], properties };
  }
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 1200; index++) {
    const schema = { type: "array", items: { $ref: `#/components/schemas/schema-${index}` } };
    paths[`/things/{owner}/thing-${index}/{id}`] = {
      get: { operationId: `op${index}`, responses: { "200": { description: "ok", content: { "application/json": { schema } } } } },
    };
  }
  return { openapi: "3.0.3", info: { title: "large", version: "1" }, paths, components: { schemas } };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let file: string;

beforeAll(async () => {
  dir = await tempDir("large-spec");
  file = join(dir.path, "openapi.json");
  await writeFile(file, JSON.stringify(largeDescription(), null, 2));
});

afterAll(async () => {
  await dir?.cleanup();
});

describe("a description of GitHub's size", () => {
  it("loads and derives record types for a few resources in seconds", async () => {
    const started = performance.now();
    const document = await loadOpenApi(file);
    const resources = [0, 10, 200, 900, 1100].map((index) => ({ name: `thing_${index}`, path: `/things/octo/thing-${index}/1`, dataSelector: "$" }));
    const types = await recordTypes(connectorModel(resources), document);
    expect(types.warnings).toEqual([]);
    expect(types.declarations.length).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
