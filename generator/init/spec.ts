/**
 * Reading an OpenAPI document for `init`: operations, parameters, success
 * responses and object properties, for Swagger 2.0 and OpenAPI 3.x alike.
 */
import { dereference, isJsonObject, type JsonObject } from "../types/json-pointer.js";
import { isJsonMediaType } from "../types/media-type.js";

/** One parameter of an operation, with its schema (Swagger 2.0 keeps schema keywords on the parameter itself). */
export interface SpecParameter {
  name: string;
  in: string;
  required: boolean;
  schema: JsonObject;
}

/** A GET operation with the parameters of its path item merged in. */
export interface SpecOperation {
  path: string;
  operation: JsonObject;
  parameters: SpecParameter[];
}

/** The JSON success response of an operation. */
export interface SuccessResponse {
  schema: unknown;
  /** Response header names, lower-cased (e.g. `link`). */
  headers: string[];
}

function parameter(document: JsonObject, raw: unknown): SpecParameter | undefined {
  const node = dereference(document, raw);
  if (!isJsonObject(node) || typeof node["name"] !== "string" || typeof node["in"] !== "string") return undefined;
  const schema = dereference(document, node["schema"]);
  return {
    name: node["name"],
    in: node["in"],
    required: node["required"] === true,
    // Swagger 2.0 non-body parameters carry type, default, maximum… on the parameter itself.
    schema: isJsonObject(schema) ? schema : node,
  };
}

/** Every GET operation, in document order; operation parameters override path-item ones of the same name and place. */
export function getOperations(document: JsonObject): SpecOperation[] {
  const paths = isJsonObject(document["paths"]) ? document["paths"] : {};
  const found: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = dereference(document, rawItem);
    if (!isJsonObject(item) || !isJsonObject(item["get"])) continue;
    const operation = item["get"];
    const byKey = new Map<string, SpecParameter>();
    for (const raw of [...asArray(item["parameters"]), ...asArray(operation["parameters"])]) {
      const resolved = parameter(document, raw);
      if (resolved !== undefined) byKey.set(`${resolved.in}:${resolved.name}`, resolved);
    }
    found.push({ path, operation, parameters: [...byKey.values()] });
  }
  return found;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The first 2xx response with a JSON schema (OpenAPI 3 `content`, Swagger 2 `schema`), as the generator's types stage reads it. */
export function successResponse(document: JsonObject, operation: JsonObject): SuccessResponse | undefined {
  const responses = dereference(document, operation["responses"]);
  if (!isJsonObject(responses)) return undefined;
  const status = ["200", "201", "2XX", "2xx", "202", "203", "206"].find((code) => code in responses) ?? Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (status === undefined) return undefined;
  const response = dereference(document, responses[status]);
  if (!isJsonObject(response)) return undefined;
  const headers = isJsonObject(response["headers"]) ? Object.keys(response["headers"]).map((name) => name.toLowerCase()) : [];
  let schema: unknown = response["schema"];
  if (isJsonObject(response["content"])) {
    const content = response["content"];
    const mediaType = Object.keys(content).find(isJsonMediaType);
    const media = mediaType === undefined ? undefined : content[mediaType];
    schema = isJsonObject(media) ? media["schema"] : undefined;
  }
  return schema === undefined ? undefined : { schema, headers };
}

/** The types a schema allows: its `type` (string or list), else inferred from `properties` / `items`. */
export function schemaTypes(document: JsonObject, schema: unknown): string[] {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return [];
  const type = node["type"];
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === "string");
  if (node["items"] !== undefined) return ["array"];
  if (node["properties"] !== undefined || Array.isArray(node["allOf"])) return ["object"];
  return [];
}

/** The properties of an object schema, looking through `allOf` branches (the types stage follows the same ones). */
export function objectProperties(document: JsonObject, schema: unknown, depth = 0): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  const node = dereference(document, schema);
  if (!isJsonObject(node) || depth > 8) return properties;
  if (Array.isArray(node["allOf"])) {
    for (const branch of node["allOf"]) for (const [name, value] of objectProperties(document, branch, depth + 1)) properties.set(name, value);
  }
  if (isJsonObject(node["properties"])) for (const [name, value] of Object.entries(node["properties"])) properties.set(name, value);
  return properties;
}

/** The item schema of an array schema. */
export function itemsOf(document: JsonObject, schema: unknown): unknown {
  const node = dereference(document, schema);
  return isJsonObject(node) ? node["items"] : undefined;
}

/** The schema node itself, `$ref`s followed, or `{}`. */
export function schemaNode(document: JsonObject, schema: unknown): JsonObject {
  const node = dereference(document, schema);
  return isJsonObject(node) ? node : {};
}
