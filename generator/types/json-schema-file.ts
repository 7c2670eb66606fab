import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { ConfigError } from "../errors.js";
import { isJsonObject, type JsonObject } from "./json-pointer.js";
import { setOwn } from "./own-property.js";

/** Where JSON Schema files are mounted in the document the record types are derived from. */
const MOUNT = "x-gen-connector-schema-files";

/** A resource's own JSON Schema file (draft 7 or 2020-12), read and parsed. */
export interface SchemaFile {
  file: string;
  schema: JsonObject;
}

/** Reads a JSON Schema file (JSON, or YAML for convenience). `where` locates the config key that names it. */
export async function readSchemaFile(file: string, where: string): Promise<SchemaFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw ConfigError.at(where, `cannot read schema file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // Loaded only for a config that names schema files.
  const { parse } = await import("yaml");
  let schema: unknown;
  try {
    schema = parse(text);
  } catch (error) {
    throw ConfigError.at(where, `schema file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(schema)) throw ConfigError.at(where, `schema file ${file} does not hold a JSON Schema object`);
  return { file, schema };
}

/** `#/definitions/X` in the file → `#/<mount>/<key>/definitions/X` in the combined document; `#` (recursion to the root) likewise. */
function rebase(node: unknown, base: string, file: string, where: string): unknown {
  if (Array.isArray(node)) return node.map((child) => rebase(child, base, file, where));
  if (!isJsonObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    if (key === "$ref" && typeof child === "string") {
      if (!child.startsWith("#")) throw ConfigError.at(where, `schema file ${file}: $ref "${child}" points to another file, which schema files do not support yet`);
      setOwn(copy, key, `${base}${child.slice(1).replace(/^\/$/, "")}`);
    } else {
      setOwn(copy, key, rebase(child, base, file, where));
    }
  }
  return copy;
}

/**
 * One document holding the OpenAPI document (if any) and every schema file,
 * each mounted under a key named after its file (`order.schema.json` → `order`),
 * its `$ref`s rebased there: so schemas from either source share one naming
 * pass and can never collide. Returns the document and each file's root schema.
 */
export function mountSchemaFiles(
  openapi: JsonObject | undefined,
  files: ReadonlyMap<string, SchemaFile & { where: string }>,
): { document: JsonObject; roots: Map<string, unknown> } {
  const mounted: Record<string, unknown> = {};
  const roots = new Map<string, unknown>();
  for (const [name, { file, schema, where }] of files) {
    const stem = basename(file).replace(/(\.schema)?\.(json|ya?ml)$/i, "") || "schema";
    let key = stem;
    for (let suffix = 2; key in mounted; suffix++) key = `${stem}${suffix}`;
    const base = `#/${MOUNT}/${encodeURIComponent(key).replace(/~/g, "~0")}`;
    const rebased = rebase(schema, base, file, where);
    mounted[key] = rebased;
    // A schema that refers to itself is typed once, by reference, rather than as the record type and again as its target.
    roots.set(name, JSON.stringify(rebased).includes(JSON.stringify({ $ref: base })) ? { $ref: base } : rebased);
  }
  return { document: { ...(openapi ?? { openapi: "3.1.0" }), [MOUNT]: mounted }, roots };
}
