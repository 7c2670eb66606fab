import { detectDataSelector } from "../../templates/runtime/detect-data-selector.js";
import { dereference, isJsonObject } from "./json-pointer.js";
import { isArraySchema, objectProperties } from "./schema-shape.js";

/** How deep the runtime looks for arrays (`a.b.c`); a skeleton deeper than this would never be read. */
const SKELETON_DEPTH = 3;

/**
 * A stand-in body shaped like the schema: every declared property present, in
 * declaration order; arrays as `[]`, objects as objects, everything else `null`.
 * Cut off below the depth the runtime looks at. A property that refers back to
 * a schema it is inside of (a tree's `parent`, a page's `next`) is `null`: such
 * links are usually empty in real bodies, and would otherwise win by coming first.
 */
function skeleton(document: unknown, schema: unknown, depth: number, enclosing: ReadonlySet<unknown>): unknown {
  const node = dereference(document, schema);
  if (!isJsonObject(node) || enclosing.has(node)) return null;
  if (isArraySchema(document, node)) return [];
  const properties = objectProperties(document, node);
  if (properties === undefined || depth >= SKELETON_DEPTH) return properties === undefined ? null : {};
  const inside = new Set([...enclosing, node]);
  const body: Record<string, unknown> = {};
  for (const [name, property] of properties) body[name] = skeleton(document, property, depth + 1, inside);
  return body;
}

/**
 * The `data_selector` the runtime would detect on a response of this schema.
 * Rather than restating dlt's rule (record key names, depth, depth-first order),
 * it runs the runtime's own `detectDataSelector` on a skeleton body built from
 * the schema, so both agree on key names, depth and order. Key order is the
 * schema's property order, which is what servers generated from the spec usually send.
 */
export function detectSelectorInSchema(document: unknown, schema: unknown): string {
  return detectDataSelector(skeleton(document, schema, 0, new Set()));
}
