import { parseJsonPath } from "../../templates/runtime/json-path.js";
import { dereference, isJsonObject, type JsonObject } from "./json-pointer.js";

/** The schema of one record, or why there is none. */
export type RecordSchema = { schema: unknown } | { missing: string };

const SUCCESS_STATUSES = ["200", "201", "2XX", "2xx", "202", "203", "206"];

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType) || mediaType === "*/*";
}

/** The schema of the operation's success response with a JSON body (OpenAPI 3 `content`, or Swagger 2 `schema`). */
function responseSchema(document: unknown, operation: JsonObject): unknown {
  const responses = dereference(document, operation["responses"]);
  if (!isJsonObject(responses)) return undefined;
  const status = SUCCESS_STATUSES.find((code) => code in responses) ?? Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (status === undefined) return undefined;
  const response = dereference(document, responses[status]);
  if (!isJsonObject(response)) return undefined;
  if (isJsonObject(response["content"])) {
    const mediaType = Object.keys(response["content"]).find(isJsonMediaType);
    const media = mediaType === undefined ? undefined : response["content"][mediaType];
    return isJsonObject(media) ? media["schema"] : undefined;
  }
  return response["schema"];
}

/** The schema of property `name` of an object schema, looking through `allOf` branches. */
function propertySchema(document: unknown, schema: unknown, name: string): unknown {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return undefined;
  if (isJsonObject(node["properties"]) && name in node["properties"]) return node["properties"][name];
  if (Array.isArray(node["allOf"])) {
    for (const branch of node["allOf"]) {
      const found = propertySchema(document, branch, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function itemsSchema(document: unknown, schema: unknown): unknown {
  const node = dereference(document, schema);
  return isJsonObject(node) && node["type"] !== undefined && node["items"] !== undefined ? node["items"] : undefined;
}

function isArraySchema(document: unknown, schema: unknown): boolean {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return false;
  const type = node["type"];
  return type === "array" || (Array.isArray(type) && type.includes("array"));
}

/**
 * Follows the response schema down the `data_selector` and unwraps one array
 * level, as the runtime does with the body: what is left is one record's schema.
 */
export function recordSchema(document: unknown, operation: JsonObject, dataSelector: string | undefined): RecordSchema {
  let schema = responseSchema(document, operation);
  if (schema === undefined) return { missing: "the operation has no JSON success response with a schema" };
  if (dataSelector === undefined) {
    return isArraySchema(document, schema)
      ? { schema: itemsSchema(document, schema) }
      : { missing: "the resource has no data_selector to follow (detecting it from the schema is not supported yet)" };
  }
  for (const segment of parseJsonPath(dataSelector)) {
    if (segment.kind === "name") schema = propertySchema(document, schema, segment.name);
    else if (segment.kind === "descendants") return { missing: `data_selector "${dataSelector}" uses "..", which types cannot follow` };
    else schema = itemsSchema(document, schema);
    if (schema === undefined) return { missing: `data_selector "${dataSelector}" leads nowhere in the response schema` };
  }
  return { schema: isArraySchema(document, schema) ? itemsSchema(document, schema) : schema };
}
