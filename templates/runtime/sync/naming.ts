import { shortHash } from "./hash.js";

/**
 * dlt's default `snake_case` naming convention: how keys, resource names and
 * datasets become table and column names. Names are shortened to the destination's
 * identifier limit the way dlt does it, so a dataset written by us and by dlt agree.
 */

/** Separates a parent column from a flattened child (`a__b`) and a table from its nested table (`t__items`). */
export const PATH_SEPARATOR = "__";

const SUBSTITUTES: Record<string, string> = { "+": "x", "-": "_", "*": "x", "@": "a", "|": "l" };

/** One name part in dlt's `snake_case`, e.g. `customerId` → `customer_id`, `1st` → `_1st`, `""` → `_empty`. */
export function normalizeIdentifier(name: string, maxLength?: number): string {
  const trimmed = name.trim();
  if (trimmed === "") return "_empty";
  let result = trimmed.replace(/[+\-*@|]/g, (character) => SUBSTITUTES[character]!);
  result = result.replace(/[^a-zA-Z0-9_]+/g, "_");
  result = result
    .replace(/([^_])([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
  if (/^[0-9]/.test(result)) result = `_${result}`;
  result = result.replace(/_+$/, (underscores) => "x".repeat(underscores.length));
  result = result.replace(/__+/g, "_");
  return maxLength === undefined ? result : shortenIdentifier(result, name, maxLength);
}

/**
 * A key or table name as a path: split on `__`, each part normalized, joined with `__`
 * (`trail__` → `trail`, `a__b` stays `a__b`). Parts are shortened first, then the whole path.
 */
export function normalizePath(name: string, maxLength?: number): string {
  const parts = name
    .split(PATH_SEPARATOR)
    .filter((part) => part !== "")
    .map((part) => normalizeIdentifier(part, maxLength));
  const path = parts.length === 0 ? normalizeIdentifier(name) : parts.join(PATH_SEPARATOR);
  return maxLength === undefined ? path : shortenIdentifier(path, name, maxLength);
}

/** `parent__child` from already normalized parts, shortened to the limit as dlt's `shorten_fragments` does. */
export function joinPath(parts: readonly string[], maxLength?: number): string {
  const path = parts.join(PATH_SEPARATOR);
  return maxLength === undefined ? path : shortenIdentifier(path, path, maxLength);
}

/**
 * A name over `maxLength` becomes its start, a 6-character tag hashed from `original`,
 * and its end: `a_very_long_column_name_that_rbzzags_limit_of_sixty_three_chars`.
 */
export function shortenIdentifier(normalized: string, original: string, maxLength: number): string {
  if (normalized.length <= maxLength) return normalized;
  const tag = shortHash(original, 4).replace(/\//g, "a").replace(/\+/g, "b").toLowerCase();
  const remaining = maxLength - tag.length;
  const left = Math.ceil(remaining / 2);
  const right = Math.floor(remaining / 2);
  return normalized.slice(0, left) + tag + (right > 0 ? normalized.slice(-right) : "");
}
