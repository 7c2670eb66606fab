import { ConfigError } from "../errors.js";

/** A JSON object node of a parsed document. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/schemas/Order`) in `document`. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) throw ConfigError.at("openapi", `external $ref "${ref}" is not supported yet`);
  let node: unknown = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isJsonObject(node) && !Array.isArray(node)) throw ConfigError.at("openapi", `$ref "${ref}" does not resolve`);
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw ConfigError.at("openapi", `$ref "${ref}" does not resolve`);
  }
  return node;
}

/** Follows `$ref` chains until a node that is not a reference. */
export function dereference(document: unknown, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (isJsonObject(current) && typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    if (seen.has(ref)) throw ConfigError.at("openapi", `$ref "${ref}" refers to itself`);
    seen.add(ref);
    current = resolvePointer(document, ref);
  }
  return current;
}
