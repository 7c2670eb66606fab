import { dereference, isJsonObject, type JsonObject } from "./json-pointer.js";
import type { MatchedOperation } from "./match-operation.js";

/**
 * The query parameters an operation declares (its own and its path's, the
 * operation's winning on a name), as one object schema with every parameter
 * optional: the config already sets what it needs, so each is only an override.
 * `undefined` when the operation declares none.
 */
export function queryParamsSchema(document: JsonObject, matched: MatchedOperation, exclude: ReadonlySet<string> = new Set()): JsonObject | undefined {
  const pathItem = isJsonObject(document["paths"]) ? document["paths"][matched.path] : undefined;
  const declared = [
    ...(isJsonObject(pathItem) && Array.isArray(pathItem["parameters"]) ? pathItem["parameters"] : []),
    ...(Array.isArray(matched.operation["parameters"]) ? matched.operation["parameters"] : []),
  ];
  const properties: Record<string, unknown> = {};
  for (const raw of declared) {
    const parameter = dereference(document, raw);
    if (!isJsonObject(parameter) || parameter["in"] !== "query" || typeof parameter["name"] !== "string") continue;
    if (exclude.has(parameter["name"])) continue;
    // openapi-typescript makes a property with a default required; as an override, every param is optional.
    const { default: defaultValue, ...schema } = isJsonObject(parameter["schema"]) ? parameter["schema"] : {};
    const notes = [
      typeof parameter["description"] === "string" ? parameter["description"] : undefined,
      defaultValue === undefined ? undefined : `The API's default: ${JSON.stringify(defaultValue)}.`,
    ].filter((note) => note !== undefined);
    const described = notes.length === 0 ? schema : { ...schema, description: notes.join(" ") };
    Object.defineProperty(properties, parameter["name"], { value: described, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(properties).length === 0 ? undefined : { type: "object", properties, additionalProperties: false };
}
