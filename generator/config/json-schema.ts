/**
 * Serializes the TypeBox config schema to a JSON Schema document (draft 2020-12): shared definitions
 * go under `$defs` once and are referred to by `$ref`, so the file stays readable and the validator
 * compiles each definition once.
 */
import type { TSchema } from "@sinclair/typebox";
import { DEFINITION, definitionNamed } from "./schema-helpers.js";
import { RestApiConfigSchema } from "./schema.js";

/** The schema's identifier; configs point `$schema` at the committed file instead. */
export const CONFIG_SCHEMA_ID = "https://gen-connector.dev/schema/config.schema.json";

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function definitionName(node: object): string | undefined {
  const name: unknown = (node as { [DEFINITION]?: unknown })[DEFINITION];
  return typeof name === "string" ? name : undefined;
}

const LEADING_KEYS = [
  "title",
  "description",
  "$ref",
  "type",
  "enum",
  "anyOf",
  "required",
  "properties",
  "additionalProperties",
  "items",
];

function rank(key: string): number {
  const index = LEADING_KEYS.indexOf(key);
  return index === -1 ? LEADING_KEYS.length : index;
}

function serialize(node: unknown, defs: Map<string, Json>, definitionRoot: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => serialize(item, defs, false));
  if (node === null || typeof node !== "object") return node as Json;
  const name = definitionRoot ? undefined : definitionName(node);
  if (name !== undefined) return reference(name, node as TSchema, defs);
  const out: { [key: string]: Json } = {};
  // Object.keys skips TypeBox's symbol-keyed metadata, leaving plain JSON Schema. Title and
  // description go first so a reader of the file sees what a schema is before how it is checked.
  const keys = Object.keys(node).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) out[key] = serialize((node as Record<string, unknown>)[key], defs, false);
  return out;
}

/** `{ "$ref": ... }` plus the use site's own title and description when they differ from the definition's. */
function reference(name: string, use: TSchema, defs: Map<string, Json>): Json {
  const canonical = definitionNamed(name) ?? use;
  if (!defs.has(name)) {
    defs.set(name, null); // reserve first, so definitions are listed in first-use order
    defs.set(name, serialize(canonical, defs, true));
  }
  const ref: { [key: string]: Json } = { $ref: `#/$defs/${name}` };
  for (const key of ["title", "description"] as const) {
    const value: unknown = use[key];
    if (typeof value === "string" && value !== canonical[key]) ref[key] = value;
  }
  return ref;
}

/** The JSON Schema document of a config: what the validator compiles and editors read. */
export function configJsonSchema(): { [key: string]: Json } {
  const defs = new Map<string, Json>();
  const body = serialize(RestApiConfigSchema, defs, true) as { [key: string]: Json };
  return { $schema: JSON_SCHEMA_DIALECT, $id: CONFIG_SCHEMA_ID, ...body, $defs: Object.fromEntries(defs) };
}

/** The committed file's exact text. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
