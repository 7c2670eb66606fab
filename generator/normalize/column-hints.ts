import type { ResourceBaseConfig } from "../config/rest-api-config.js";

/** dlt's `columns` hints of a resource, in either of their forms: a map by name or a list of column objects. */
type Columns = NonNullable<ResourceBaseConfig["columns"]>;
type ColumnsByName = Record<string, Record<string, unknown>>;

/** `columns` as a map by name (a list names each column in its `name`). */
export function columnsByName(columns: Columns): ColumnsByName {
  if (!Array.isArray(columns)) return columns as ColumnsByName;
  return Object.fromEntries(columns.map((column) => [String((column as Record<string, unknown>)["name"]), column as Record<string, unknown>]));
}

/** Reference §1.3: when defaults and resource both give `columns`, they merge column by column, the resource's hints winning. */
export function mergeColumns(defaults: Columns | undefined, resource: Columns | undefined): Columns | undefined {
  if (defaults === undefined || resource === undefined) return resource ?? defaults;
  const merged: ColumnsByName = { ...columnsByName(defaults) };
  for (const [name, hints] of Object.entries(columnsByName(resource))) merged[name] = { ...(merged[name] ?? {}), ...hints };
  return merged;
}

/**
 * A key given as column hints (`"columns": { "id": { "primary_key": true } }`), in column order, as dlt
 * reads it; a resource's `primary_key`/`merge_key` overrides its columns' hints. Undefined when no column has it.
 */
export function keyFromColumns(columns: Columns | undefined, hint: "primary_key" | "merge_key"): string | string[] | undefined {
  if (columns === undefined) return undefined;
  const keys = Object.entries(columnsByName(columns))
    .filter(([, hints]) => hints[hint] === true)
    .map(([name]) => name);
  return keys.length === 0 ? undefined : keys.length === 1 ? keys[0] : keys;
}

/** dlt: a table has at most one `hard_delete` and one `dedup_sort` column. */
export function checkColumnHints(columns: Columns | undefined, where: string): { path: string; message: string }[] {
  if (columns === undefined) return [];
  const byName = columnsByName(columns);
  return (["hard_delete", "dedup_sort"] as const).flatMap((hint) => {
    const named = Object.keys(byName).filter((name) => byName[name]![hint] !== undefined && byName[name]![hint] !== false);
    return named.length > 1
      ? [{ path: `${where}.columns`, message: `more than one column has ${hint} (${named.map((name) => JSON.stringify(name)).join(", ")}); a table can have one` }]
      : [];
  });
}
