/**
 * The compiled config schema: one ajv instance over the committed `config.schema.json`, so the
 * validator checks exactly what editors show. The file is generated from the TypeBox definition
 * (`npm run schema`, kept fresh by a test); reading it rather than rebuilding it keeps TypeBox out of
 * the generator's start-up. Compiled on first use (a few hundred ms), then reused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { PACKAGE_ROOT } from "../package-root.js";

const SCHEMA_FILE = join(PACKAGE_ROOT, "generator", "config", "config.schema.json");

/** A node of the JSON Schema document. */
export type SchemaNode = { readonly [key: string]: unknown };

interface Compiled {
  document: SchemaNode;
  id: string;
  ajv: Ajv2020;
  validate: ValidateFunction;
  /** Where each schema object sits in the document, to compile a union's branch on its own. */
  pointers: WeakMap<object, string>;
}

let compiled: Compiled | undefined;

function indexPointers(node: unknown, pointer: string, pointers: WeakMap<object, string>): void {
  if (node === null || typeof node !== "object") return;
  pointers.set(node, pointer);
  for (const [key, child] of Object.entries(node)) {
    indexPointers(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, pointers);
  }
}

function compile(): Compiled {
  const document = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as SchemaNode;
  // verbose: errors carry the failing schema and value, which the messages are built from. The
  // document's own validity is checked by the schema test, not on every start.
  // Required on first use, not imported: a valid config is accepted by the built validator without ajv's compiler.
  const { Ajv2020: Compiler } = createRequire(import.meta.url)("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const ajv: Ajv2020 = new Compiler({ allErrors: true, verbose: true, validateSchema: false });
  const validate = ajv.compile(document);
  const pointers = new WeakMap<object, string>();
  indexPointers(document, "", pointers);
  return { document, id: String(document["$id"]), ajv, validate, pointers };
}

function state(): Compiled {
  compiled ??= compile();
  return compiled;
}

/** The validator of a whole config. */
export function configValidator(): ValidateFunction {
  return state().validate;
}

/** The validator of one branch of a union (`anyOf`) schema of the document. */
export function branchValidator(union: SchemaNode, index: number): ValidateFunction {
  const { ajv, id, pointers } = state();
  const pointer = pointers.get(union);
  const validate = pointer === undefined ? undefined : ajv.getSchema(`${id}#${pointer}/anyOf/${index}`);
  if (validate === undefined) throw new Error(`config schema: no branch ${index} at ${pointer ?? "an unknown schema"}`);
  return validate;
}

/** `node` itself, or the definition its `$ref` names; a `$ref`'s own title and description win. */
export function deref(node: SchemaNode): SchemaNode {
  const ref = node["$ref"];
  if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return node;
  const defs = state().document["$defs"] as Record<string, SchemaNode> | undefined;
  const target = defs?.[ref.slice("#/$defs/".length)];
  if (target === undefined) return node;
  const { $ref: _ref, ...siblings } = node;
  return { ...deref(target), ...siblings };
}

/** A schema node's property, if it is a schema node. */
export function child(node: SchemaNode, key: string): SchemaNode | undefined {
  const value = node[key];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

/** A schema node's list of sub-schemas (`anyOf`), if any. */
export function children(node: SchemaNode, key: string): SchemaNode[] {
  const value = node[key];
  return Array.isArray(value) ? (value as SchemaNode[]) : [];
}
