import { isJsonObject } from "./json-pointer.js";
import { setOwn } from "./own-property.js";

/**
 * `{ $ref, nullable: true }` → `{ allOf: [{ $ref }], nullable: true }`.
 * OpenAPI 3.0 says siblings of `$ref` are ignored, but specs (GitHub's among
 * them) write exactly this meaning "a nullable X"; openapi-typescript honours
 * `nullable` only beside `allOf`, so the reference moves into one.
 */
function nullableRef(node: Record<string, unknown>): Record<string, unknown> {
  if (typeof node["$ref"] !== "string" || node["nullable"] !== true) return node;
  const { $ref, ...rest } = node;
  return { ...rest, allOf: [{ $ref }] };
}

/**
 * `x-nullable: true` → `nullable: true`. swagger2openapi converts it in Swagger
 * 2.0 documents; OpenAPI 3 documents converted by other tools often keep it.
 */
function xNullable(node: Record<string, unknown>): Record<string, unknown> {
  if (typeof node["x-nullable"] !== "boolean") return node;
  const { "x-nullable": nullable, ...rest } = node;
  return { ...rest, nullable };
}

/**
 * Hoists `required` from inline `allOf` branches to the schema itself: a merged
 * object requires every property any branch requires, including properties
 * another branch (often a `$ref`) declares. openapi-typescript applies the
 * outer `required` to every branch (`WithRequired<Base, "id">`), a branch's own only to itself.
 */
function hoistRequired(node: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(node["allOf"])) return node;
  const required = new Set(Array.isArray(node["required"]) ? node["required"] : []);
  for (const branch of node["allOf"]) {
    if (isJsonObject(branch) && Array.isArray(branch["required"])) for (const key of branch["required"]) required.add(key);
  }
  return required.size === 0 ? node : { ...node, required: [...required] };
}

/**
 * Drops `$defs` (JSON Schema 2020-12 files): referenced definitions are emitted
 * as their own named types, and openapi-typescript would otherwise add a
 * `$defs` member to the record type.
 */
function dropDefinitions(node: Record<string, unknown>): Record<string, unknown> {
  if (!("$defs" in node) && !("definitions" in node)) return node;
  const { $defs: _defs, definitions: _definitions, ...rest } = node;
  return rest;
}

/**
 * Drops `discriminator.mapping` entries that point outside `components/schemas`
 * (PagerDuty maps into `#/paths/…`): the types stage declares component schemas
 * only, so openapi-typescript could not resolve them. The `oneOf` still types the value.
 */
function componentMappings(node: Record<string, unknown>): Record<string, unknown> {
  const discriminator = node["discriminator"];
  if (!isJsonObject(discriminator) || !isJsonObject(discriminator["mapping"])) return node;
  const kept = Object.entries(discriminator["mapping"]).filter(([, target]) => typeof target === "string" && (!target.startsWith("#") || target.startsWith("#/components/schemas/")));
  if (kept.length === Object.keys(discriminator["mapping"]).length) return node;
  const { mapping: _mapping, ...rest } = discriminator;
  return { ...node, discriminator: kept.length === 0 ? rest : { ...rest, mapping: Object.fromEntries(kept) } };
}

/** Keywords whose value is a map of name → schema, an array of schemas, or one schema: where the walk goes on. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_VALUES = new Set(["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"]);

function prepareChild(key: string, child: unknown): unknown {
  if (SCHEMA_MAPS.has(key) && isJsonObject(child)) return Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, prepareSchema(schema)]));
  if ((SCHEMA_LISTS.has(key) || key === "items") && Array.isArray(child)) return child.map(prepareSchema);
  if (SCHEMA_VALUES.has(key)) return prepareSchema(child);
  return child;
}

/**
 * Rewrites a schema, deeply, into the forms openapi-typescript types faithfully,
 * one step per concern (above). Walks schema keywords only, so a property that
 * happens to be called `definitions` or `$ref` is left alone.
 */
export function prepareSchema(node: unknown): unknown {
  if (!isJsonObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) setOwn(copy, key, prepareChild(key, child));
  return hoistRequired(nullableRef(xNullable(componentMappings(dropDefinitions(copy)))));
}
