import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { bundle, createConfig, type Config } from "@redocly/openapi-core";
import { parse } from "yaml";
import { ConfigError } from "../errors.js";
import { convertSwagger2, isSwagger2 } from "./convert-swagger.js";
import { isJsonObject, type JsonObject } from "./json-pointer.js";

let quietConfig: Promise<Config> | undefined;

/** A Redocly config with no lint rules: we bundle, we do not judge the document's style. */
export function redoclyConfig(): Promise<Config> {
  quietConfig ??= createConfig({ rules: {} }, { extends: [] });
  return quietConfig;
}

/** Reads and parses `file` only to say clearly what is wrong with it before bundling. */
async function checkReadable(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw ConfigError.at("openapi", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw ConfigError.at("openapi", `${file} is not valid JSON or YAML: ${(error as Error).message}`);
  }
  if (!isJsonObject(document) || (typeof document["openapi"] !== "string" && typeof document["swagger"] !== "string")) {
    throw ConfigError.at("openapi", `${file} is not an OpenAPI document (no "openapi" or "swagger" version key)`);
  }
}

/**
 * Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document, JSON or YAML, and returns it
 * as one self-contained OpenAPI 3 document: relative `$ref`s to other files are
 * bundled in by Redocly (the bundler openapi-typescript itself uses; each
 * external schema becomes a `components/schemas` entry), and Swagger 2.0 is
 * converted by swagger2openapi. Every `$ref` left is local (`#/...`).
 */
export async function loadOpenApi(file: string): Promise<JsonObject> {
  await checkReadable(file);
  const result = await bundle({ ref: resolve(file), config: await redoclyConfig(), dereference: false }).catch((error: unknown) => {
    throw ConfigError.at("openapi", `cannot bundle ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((problem) => {
        const where = problem.location[0];
        const at = where === undefined ? "" : ` (${where.source.absoluteRef}${where.pointer === undefined ? "" : ` at ${where.pointer}`})`;
        return { path: "openapi", message: `${problem.message}${at}` };
      }),
    );
  }
  const document: unknown = result.bundle.parsed;
  if (!isJsonObject(document)) throw ConfigError.at("openapi", `${file} is not an OpenAPI document`);
  return isSwagger2(document) ? convertSwagger2(document, file) : document;
}
