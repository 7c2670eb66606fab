import { detectDataSelector } from "../../templates/runtime/detect-data-selector.js";
import { dereference, isJsonObject } from "./json-pointer.js";
import { isArraySchema, objectProperties } from "./schema-shape.js";

/** How deep the runtime looks for arrays (`a.b.c`); a skeleton deeper than this would never be read. */
const SKELETON_DEPTH = 3;

/**
 * A stand-in body shaped like the schema: every declared property present, in
 * declaration order; arrays as `[]`, objects as objects, everything else `null`.
 * Cut off below the depth the runtime looks at, which also ends recursion.
 */
function skeleton(document: unknown, schema: unknown, depth: number): unknown {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return null;
  if (isArraySchema(document, node)) return [];
  const properties = objectProperties(document, node);
  if (properties === undefined || depth >= SKELETON_DEPTH) return properties === undefined ? null : {};
  const body: Record<string, unknown> = {};
  for (const [name, property] of properties) body[name] = skeleton(document, property, depth + 1);
  return body;
}

/**
 * The `data_selector` the runtime would detect on a response of this schema.
 * Rather than restating dlt's rule (record key names, depth, depth-first order),
 * it runs the runtime's own `detectDataSelector` on a skeleton body built from
 * the schema, so both always agree. Key order is the schema's property order,
 * which is what servers generated from the spec usually send.
 */
export function detectSelectorInSchema(document: unknown, schema: unknown): string {
  return detectDataSelector(skeleton(document, schema, 0));
}
