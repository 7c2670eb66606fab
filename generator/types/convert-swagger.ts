import { convertObj } from "swagger2openapi";
import { ConfigError } from "../errors.js";
import { isJsonObject, type JsonObject } from "./json-pointer.js";

/**
 * Converts Swagger 2.0 to OpenAPI 3.0 with swagger2openapi, so that every later
 * step (and openapi-typescript, which refuses 2.0) sees one dialect:
 * `definitions` become `components/schemas`, `x-nullable` becomes `nullable`,
 * `basePath` becomes `servers`, body `schema`s move under `content`.
 */
export async function convertSwagger2(document: JsonObject, file: string): Promise<JsonObject> {
  let converted: unknown;
  try {
    converted = await convertObj(document, { patch: true, warnOnly: true, direct: true });
  } catch (error) {
    throw ConfigError.at("openapi", `${file}: cannot convert Swagger 2.0 to OpenAPI 3: ${(error as Error).message}`);
  }
  if (!isJsonObject(converted)) throw ConfigError.at("openapi", `${file}: converting Swagger 2.0 to OpenAPI 3 gave no document`);
  return converted;
}
