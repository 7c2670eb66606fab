import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { bundle, createConfig, makeDocumentFromString, Source, type Config, type Document } from "@redocly/openapi-core";
import { ConfigError } from "../errors.js";
import { isJsonObject, type JsonObject } from "./json-pointer.js";

let quietConfig: Promise<Config> | undefined;

/** A Redocly config with no lint rules: we bundle, we do not judge the document's style. */
export function redoclyConfig(): Promise<Config> {
  quietConfig ??= createConfig({ rules: {} }, { extends: [] });
  return quietConfig;
}

/**
 * A JSON document goes through `JSON.parse`, many times faster than the YAML parser Redocly would use
 * (0.6 s of a GitHub run); anything else, or JSON that `JSON.parse` refuses, goes to Redocly's parser,
 * which reads YAML and says where a broken document is broken.
 */
function parseDocument(text: string, absoluteRef: string): Document {
  if (text.trimStart().startsWith("{")) {
    try {
      return { source: new Source(absoluteRef, text), parsed: JSON.parse(text) as unknown };
    } catch {
      // Not strict JSON (comments, single quotes, a typo): the YAML parser reads or explains it.
    }
  }
  return makeDocumentFromString(text, absoluteRef);
}

/** Reads and parses `file` once, with Redocly's parser (the bundler's own), saying clearly what is wrong with it. */
async function readDocument(file: string): Promise<Document> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw ConfigError.at("openapi", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: Document;
  try {
    document = parseDocument(text, resolve(file));
  } catch (error) {
    throw ConfigError.at("openapi", `${file} is not valid JSON or YAML: ${(error as Error).message}`);
  }
  const parsed: unknown = document.parsed;
  if (!isJsonObject(parsed) || (typeof parsed["openapi"] !== "string" && typeof parsed["swagger"] !== "string")) {
    throw ConfigError.at("openapi", `${file} is not an OpenAPI document (no "openapi" or "swagger" version key)`);
  }
  return document;
}

/**
 * Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document, JSON or YAML, and returns it
 * as one self-contained OpenAPI 3 document: relative `$ref`s to other files are
 * bundled in by Redocly (the bundler openapi-typescript itself uses; each
 * external schema becomes a `components/schemas` entry), and Swagger 2.0 is
 * converted by swagger2openapi. Every `$ref` left is local (`#/...`).
 * `read`, when given, collects the absolute paths of the files read (for `--watch`).
 */
export async function loadOpenApi(file: string, read?: Set<string>): Promise<JsonObject> {
  read?.add(resolve(file));
  const doc = await readDocument(file);
  // A single-file document needs no bundling; skipping it saves seconds on descriptions the size of GitHub's.
  if (!hasExternalRef(doc.parsed)) return asOpenApi3(doc.parsed as JsonObject, file);
  const result = await bundle({ doc, config: await redoclyConfig(), dereference: false }).catch((error: unknown) => {
    throw ConfigError.at("openapi", `cannot bundle ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  for (const dependency of result.fileDependencies) read?.add(resolve(dependency));
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
  return asOpenApi3(document, file);
}

/** Swagger 2.0 → OpenAPI 3; the converter (swagger2openapi and its many modules) loads only for Swagger 2.0. */
async function asOpenApi3(document: JsonObject, file: string): Promise<JsonObject> {
  if (typeof document["swagger"] !== "string") return document;
  const { convertSwagger2 } = await import("./convert-swagger.js");
  return convertSwagger2(document, file);
}

/** Whether any `$ref` points outside the document (another file or a URL). Iterative: descriptions can nest deeply. */
function hasExternalRef(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isJsonObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) return true;
        if (typeof value === "object" && value !== null) stack.push(value);
      }
    }
  }
  return false;
}
