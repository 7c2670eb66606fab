/**
 * `npx tsx test/support/trim-openapi.ts <in.json|yaml> <out.json>`: keeps of a published
 * OpenAPI document what `init` and the types stage read (every path's GET operation, its
 * path-level parameters, and the components they reach), and drops examples. The corpus
 * keeps big specs this way; each LICENSE-NOTE.md says so.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Drops `example`/`examples` wherever they are keywords (not where a property is called so). */
function withoutExamples(node: Json, inProperties = false): Json {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item));
  if (!isObject(node)) return node;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(node)) {
    if (!inProperties && (key === "example" || key === "examples")) continue;
    result[key] = withoutExamples(child, !inProperties && key === "properties");
  }
  return result;
}

/** Every `$ref` reachable from `roots`, following refs into the document. */
function reachableRefs(document: JsonObject, roots: Json[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (Array.isArray(node)) pending.push(...node);
    else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/") && !seen.has(child)) {
          seen.add(child);
          const target = child
            .slice(2)
            .split("/")
            .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
            .reduce<Json | undefined>((at, part) => (isObject(at) ? at[part] : Array.isArray(at) ? at[Number(part)] : undefined), document);
          if (target !== undefined) pending.push(target);
        } else pending.push(child);
      }
    }
  }
  return seen;
}

export function trimOpenApi(document: JsonObject): JsonObject {
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(isObject(document["paths"]) ? document["paths"] : {})) {
    if (!isObject(item) || !isObject(item["get"])) continue;
    paths[path] = { ...(item["parameters"] === undefined ? {} : { parameters: item["parameters"] }), get: item["get"] };
  }
  const trimmed = withoutExamples({ ...document, paths }) as JsonObject;
  // Security schemes are read by name; everything else in components only when referenced.
  // A ref may point inside a component (`#/components/schemas/X/properties/y`): X is kept whole.
  const refs = new Set([...reachableRefs(trimmed, [trimmed["paths"]!])].map((ref) => ref.split("/").slice(0, 4).join("/")));
  const components = isObject(trimmed["components"]) ? trimmed["components"] : {};
  const kept: JsonObject = {};
  for (const [section, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    const names = Object.keys(entries).filter((name) => section === "securitySchemes" || refs.has(`#/components/${section}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`));
    if (names.length > 0) kept[section] = Object.fromEntries(names.map((name) => [name, entries[name]!]));
  }
  return { ...trimmed, components: kept };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) throw new Error("usage: trim-openapi.ts <in> <out.json>");
  const text = await readFile(input, "utf8");
  const document = (input.endsWith(".json") ? JSON.parse(text) : parse(text)) as JsonObject;
  await writeFile(output, `${JSON.stringify(trimOpenApi(document))}\n`);
}
