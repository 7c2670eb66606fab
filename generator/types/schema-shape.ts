import { dereference, isJsonObject } from "./json-pointer.js";

/**
 * The properties of an object schema in declaration order, looking through
 * `$ref`s and merging `allOf` branches (later branches win, as in a merged
 * object); `undefined` when the schema does not describe an object.
 */
export function objectProperties(document: unknown, schema: unknown, seen: Set<unknown> = new Set()): Map<string, unknown> | undefined {
  const node = dereference(document, schema);
  if (!isJsonObject(node) || seen.has(node)) return undefined;
  seen.add(node);
  let found: Map<string, unknown> | undefined;
  if (Array.isArray(node["allOf"])) {
    for (const branch of node["allOf"]) {
      const properties = objectProperties(document, branch, seen);
      if (properties !== undefined) found = new Map([...(found ?? []), ...properties]);
    }
  }
  if (isJsonObject(node["properties"])) found = new Map([...(found ?? []), ...Object.entries(node["properties"])]);
  if (found === undefined && (node["type"] === "object" || isJsonObject(node["additionalProperties"]) || node["additionalProperties"] === true)) {
    found = new Map();
  }
  return found;
}

/**
 * The schema of property `name` of an object schema, looking through `$ref`s
 * and `allOf` branches; failing that, through `oneOf`/`anyOf` branches: the
 * property of the one branch that has it, or the union of them when several do
 * (a response that is "a page or a report", both with `data`).
 */
export function propertySchema(document: unknown, schema: unknown, name: string, seen: Set<unknown> = new Set()): unknown {
  const direct = objectProperties(document, schema)?.get(name);
  if (direct !== undefined) return direct;
  const node = dereference(document, schema);
  if (!isJsonObject(node) || seen.has(node)) return undefined;
  seen.add(node);
  const branches = [node["oneOf"], node["anyOf"]].flatMap((list) => (Array.isArray(list) ? list : []));
  const found = branches.map((branch) => propertySchema(document, branch, name, seen)).filter((property) => property !== undefined);
  return found.length <= 1 ? found[0] : { anyOf: found };
}

/** Whether the schema (through `$ref`s) describes an array, possibly nullable. */
export function isArraySchema(document: unknown, schema: unknown): boolean {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return false;
  const type = node["type"];
  return type === "array" || (Array.isArray(type) && type.includes("array")) || (type === undefined && node["items"] !== undefined);
}

/** The item schema of an array schema; `{}` (any item) when the array does not say. */
export function itemsSchema(document: unknown, schema: unknown): unknown {
  if (!isArraySchema(document, schema)) return undefined;
  const node = dereference(document, schema) as { [key: string]: unknown };
  return node["items"] ?? {};
}
