import { parseJsonPath } from "../../templates/runtime/json-path.js";
import { detectSelectorInSchema } from "./detect-selector.js";
import { dereference, isJsonObject, type JsonObject } from "./json-pointer.js";
import { isJsonMediaType } from "./media-type.js";
import { isArraySchema, itemsSchema, propertySchema } from "./schema-shape.js";

/** The schema of one record, and the selector that led there; or why there is none. */
export type RecordSchema = { schema: unknown; selector: string } | { missing: string };

const SUCCESS_STATUSES = ["200", "201", "2XX", "2xx", "202", "203", "206"];

/** The schema of the operation's success response with a JSON body (OpenAPI 3 `content`, or Swagger 2 `schema`). */
export function responseSchema(document: unknown, operation: JsonObject): unknown {
  const responses = dereference(document, operation["responses"]);
  if (!isJsonObject(responses)) return undefined;
  const status = SUCCESS_STATUSES.find((code) => code in responses) ?? Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (status === undefined) return undefined;
  const response = dereference(document, responses[status]);
  if (!isJsonObject(response)) return undefined;
  if (isJsonObject(response["content"])) {
    const mediaType = Object.keys(response["content"]).find(isJsonMediaType);
    const media = mediaType === undefined ? undefined : dereference(document, response["content"][mediaType]);
    return isJsonObject(media) ? media["schema"] : undefined;
  }
  return response["schema"];
}

/**
 * Follows a response schema down a `data_selector` and unwraps one array level,
 * as the runtime does with the body: what is left is one record's schema.
 * Names look through `$ref` chains and `allOf`; `[*]` and `[n]` step into items.
 */
export function followSelector(document: unknown, response: unknown, selector: string): { schema: unknown } | { missing: string } {
  let schema = response;
  let segments;
  try {
    segments = parseJsonPath(selector);
  } catch (error) {
    return { missing: (error as Error).message };
  }
  for (const segment of segments) {
    if (segment.kind === "name") schema = propertySchema(document, schema, segment.name);
    else if (segment.kind === "descendants") return { missing: `data_selector "${selector}" uses "..", which types cannot follow` };
    else schema = itemsSchema(document, schema);
    if (schema === undefined) return { missing: `data_selector "${selector}" leads nowhere in the response schema` };
  }
  return { schema: isArraySchema(document, schema) ? itemsSchema(document, schema) : schema };
}

/**
 * The record schema of an operation: its JSON success response followed down
 * the `data_selector`; without one, down the selector the runtime would detect
 * on a body of that shape.
 */
export function recordSchema(document: unknown, operation: JsonObject, dataSelector: string | undefined): RecordSchema {
  const response = responseSchema(document, operation);
  if (response === undefined) return { missing: "the operation has no JSON success response with a schema" };
  const selector = dataSelector ?? detectSelectorInSchema(document, response);
  const found = followSelector(document, response, selector);
  return "missing" in found ? found : { schema: found.schema, selector };
}
