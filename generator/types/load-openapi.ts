import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { ConfigError } from "../errors.js";
import { isJsonObject, type JsonObject } from "./json-pointer.js";

/** Reads an OpenAPI document, JSON or YAML (YAML is a superset of JSON, so one parser reads both). */
export async function loadOpenApi(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw ConfigError.at("openapi", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 10_000 });
  } catch (error) {
    throw ConfigError.at("openapi", `${file} is not valid JSON or YAML: ${(error as Error).message}`);
  }
  if (!isJsonObject(document) || (typeof document["openapi"] !== "string" && typeof document["swagger"] !== "string")) {
    throw ConfigError.at("openapi", `${file} is not an OpenAPI document (no "openapi" or "swagger" version key)`);
  }
  return document;
}
