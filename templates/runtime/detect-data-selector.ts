import { toJsonPath } from "./json-path.js";
/**
 * dlt's `data_selector` auto-detection (reference §5), run on the first response
 * of a resource that has no `data_selector`; the result is kept for later pages.
 * - A body that is not an object (array, scalar, null) gives `"$"`.
 * - Otherwise every array reachable through objects at most three keys deep
 *   (`a`, `a.b`, `a.b.c`; arrays inside arrays are not entered) is listed depth-first,
 *   in key order. None gives `"$"`: the whole object is one record.
 * - The first array whose last key is one of {@link RECORD_KEYS} (exactly, case
 *   included) wins; failing that, the first array listed. That is depth-first
 *   order, not the least nested array: `{"meta": {"tags": []}, "users": []}` gives `meta.tags`.
 * The keys are joined with `.` unescaped, as dlt does, so a key with a dot in it selects nothing.
 */

/** Last keys that name the records of a page. */
export const RECORD_KEYS: ReadonlySet<string> = new Set([
  "data",
  "items",
  "results",
  "entries",
  "records",
  "rows",
  "entities",
  "payload",
  "content",
  "objects",
  "values",
]);

const MAX_DEPTH = 3;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collectArrayPaths(
  node: Record<string, unknown>,
  path: readonly string[],
  into: string[][],
): void {
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) into.push([...path, key]);
    else if (isObject(value) && path.length + 1 < MAX_DEPTH)
      collectArrayPaths(value, [...path, key], into);
  }
}

export function detectDataSelector(body: unknown): string {
  if (!isObject(body)) return "$";
  const arrays: string[][] = [];
  collectArrayPaths(body, [], arrays);
  const chosen = arrays.find((path) => RECORD_KEYS.has(path[path.length - 1] ?? "")) ?? arrays[0];
  return chosen === undefined ? "$" : toJsonPath(chosen);
}
