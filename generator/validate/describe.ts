/** Words for schemas and values in messages: "expected a positive integer, got -1". */
import { deref, child, children, type SchemaNode } from "./schema-document.js";
import { isSecretKey, MASK } from "./secrets.js";

const MAX_ECHO = 60;

/** `"a", "b" or "c"`-style lists read better than JSON arrays. */
export function quotedList(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

function joinAlternatives(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  if (unique.length <= 1) return unique[0] ?? "a value";
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1] ?? ""}`;
}

function describeInteger(node: SchemaNode): string {
  const min = typeof node["minimum"] === "number" ? node["minimum"] : undefined;
  const max = typeof node["maximum"] === "number" ? node["maximum"] : undefined;
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min === 1) return "a positive integer";
  if (min === 0) return "a non-negative integer";
  if (min !== undefined) return `an integer of at least ${min}`;
  return "an integer";
}

function describeString(node: SchemaNode): string {
  if (typeof node["pattern"] === "string") return `a string matching /${node["pattern"]}/`;
  if (typeof node["minLength"] === "number" && node["minLength"] > 0) return "a non-empty string";
  return "a string";
}

function describeArray(node: SchemaNode): string {
  const items = child(node, "items");
  const itemType = items === undefined ? undefined : deref(items)["type"];
  const noun = itemType === "string" ? "strings" : itemType === "object" ? "objects" : undefined;
  const min = node["minItems"];
  const max = node["maxItems"];
  if (typeof min === "number" && min === max) return `a list of ${min} ${noun ?? "items"}`;
  const list = typeof min === "number" && min > 0 ? "a non-empty list" : "a list";
  return noun === undefined ? list : `${list} of ${noun}`;
}

function describeObject(node: SchemaNode): string {
  const properties = child(node, "properties");
  if (properties !== undefined && "$secret" in properties) return '{ "$secret": "<name>" }';
  return properties !== undefined && "$config" in properties ? '{ "$config": "<name>" }' : "an object";
}

/** What a value must be, in words, for "expected ..." messages. */
export function describeSchema(raw: SchemaNode): string {
  const node = deref(raw);
  const values = node["enum"];
  if (Array.isArray(values)) return values.length === 1 ? JSON.stringify(values[0]) : `one of ${quotedList(values)}`;
  if ("const" in node) return JSON.stringify(node["const"]);
  const branches = children(node, "anyOf");
  if (branches.length > 0) return joinAlternatives(branches.map(describeBranchKind));
  switch (node["type"]) {
    case "integer":
      return describeInteger(node);
    case "number":
      return typeof node["minimum"] === "number" && node["minimum"] === 0 ? "a non-negative number" : "a number";
    case "string":
      return describeString(node);
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "array":
      return describeArray(node);
    case "object":
      return describeObject(node);
    default:
      return "a value";
  }
}

/** A union branch by its kind only: a union's allowed names are listed by the branch chosen later. */
function describeBranchKind(raw: SchemaNode): string {
  const node = deref(raw);
  if (Array.isArray(node["enum"]) && node["type"] === "string") return "a string";
  if (node["type"] === "array") return "a list";
  return describeSchema(node);
}

/** A value as it may be echoed in a message: masked under secret-looking keys, shortened when long. */
export function describeValue(value: unknown, key?: string | number): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (value !== null && typeof value === "object") return "an object";
  if (isSecretKey(key)) return MASK;
  if (typeof value === "string") {
    return JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value);
  }
  return String(value);
}
