import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CONFIG_SCHEMA_ID, configJsonSchema } from "../../generator/config/json-schema.js";
import type {
  AuthConfig,
  ConfigRef,
  PaginatorConfig,
  RestApiConfig,
  SecretString,
} from "../../generator/config/rest-api-config.js";

const committedFile = new URL("../../generator/config/config.schema.json", import.meta.url);
const committed = async (): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(committedFile, "utf8")) as Record<string, unknown>;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every `properties` entry in the document, with its JSON Pointer. */
function* properties(node: unknown, pointer = ""): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* properties(item, `${pointer}/${index}`);
    return;
  }
  if (!isNode(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && isNode(value)) {
      for (const [name, schema] of Object.entries(value))
        if (isNode(schema)) yield [`${pointer}/properties/${name}`, schema];
    }
    yield* properties(value, `${pointer}/${key}`);
  }
}

describe("config.schema.json", () => {
  it("is fresh: regenerate it with `npm run schema` after changing generator/config/schema*.ts", async () => {
    expect(await committed()).toEqual(configJsonSchema());
  });

  it("is a valid draft 2020-12 schema with an $id", async () => {
    const schema = await committed();
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(CONFIG_SCHEMA_ID);
    const ajv = new Ajv2020({ strict: true, strictTypes: false });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("gives every key a title and a description, for editor hover", async () => {
    const schema = await committed();
    const defs = schema["$defs"] as Record<string, Node>;
    const undocumented: string[] = [];
    let count = 0;
    for (const [pointer, property] of properties(schema)) {
      count += 1;
      const ref = typeof property["$ref"] === "string" ? defs[property["$ref"].replace("#/$defs/", "")] : undefined;
      const title = property["title"] ?? ref?.["title"];
      const description = property["description"] ?? ref?.["description"];
      if (typeof title !== "string" || typeof description !== "string" || description === "")
        undocumented.push(pointer);
    }
    expect(count).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  });

  it("accepts the seed example as editors see it", async () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(await committed());
    const seed: unknown = JSON.parse(
      await readFile(new URL("../../examples/seed/config.json", import.meta.url), "utf8"),
    );
    expect(validate(seed), JSON.stringify(validate.errors)).toBe(true);
  });

  it("derives the TypeScript types from the same definition", () => {
    expectTypeOf<RestApiConfig["client"]["base_url"]>().toEqualTypeOf<string | ConfigRef>();
    expectTypeOf<ConfigRef>().toEqualTypeOf<{ $config: string; default?: string | number | boolean }>();
    expectTypeOf<SecretString>().toEqualTypeOf<string | { $secret: string } | ConfigRef>();
    expectTypeOf<"offset">().toExtend<PaginatorConfig>();
    expectTypeOf<{ type: "offset"; limit: number }>().toExtend<PaginatorConfig>();
    expectTypeOf<{ token: SecretString }>().toExtend<AuthConfig>();
    expectTypeOf<{ type: "offset" }>().not.toExtend<PaginatorConfig>();
  });
});
