/**
 * A resource's `write_disposition` (string or object form) resolved as dlt resolves it.
 */

export type MergeStrategy = "delete-insert" | "upsert" | "scd2" | "insert-only";

export type Disposition =
  | { kind: "append" | "replace" | "skip" }
  | {
      kind: "merge";
      strategy: MergeStrategy;
      /** delete-insert: the load has no duplicate keys, skip deduplication. */
      deduplicated: boolean;
      /** scd2: `[valid from, valid to]` column names. */
      validityColumns: [string, string];
      /** scd2: the `valid to` value of current rows; null by default. */
      activeRecordTimestamp: string | undefined;
      /** scd2: when the load takes effect; the load's start by default. */
      boundaryTimestamp: string | undefined;
      /** scd2: a column of the records to use as the row version instead of a content hash. */
      rowVersionColumn: string | undefined;
    };

const STRATEGIES: readonly MergeStrategy[] = ["delete-insert", "upsert", "scd2", "insert-only"];

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `"merge"`, `{ disposition: "merge", strategy: "upsert" }`, … as a `Disposition`; absent: `append`, dlt's default. */
export function resolveDisposition(value: unknown, resource: string): Disposition {
  const form =
    typeof value === "string" ? { disposition: value } : (value ?? { disposition: "append" });
  const options = form as Record<string, unknown>;
  const kind = options["disposition"];
  if (kind === "append" || kind === "replace" || kind === "skip") return { kind };
  if (kind !== "merge")
    throw new Error(`resource "${resource}": unknown write disposition ${JSON.stringify(value)}`);
  const strategy = options["strategy"] ?? "delete-insert";
  if (!STRATEGIES.includes(strategy as MergeStrategy))
    throw new Error(`resource "${resource}": unknown merge strategy ${JSON.stringify(strategy)}`);
  const validity = options["validity_column_names"];
  return {
    kind: "merge",
    strategy: strategy as MergeStrategy,
    deduplicated: options["deduplicated"] === true,
    validityColumns:
      Array.isArray(validity) && validity.length === 2
        ? [String(validity[0]), String(validity[1])]
        : ["_dlt_valid_from", "_dlt_valid_to"],
    activeRecordTimestamp: optionalString(options["active_record_timestamp"]),
    boundaryTimestamp: optionalString(options["boundary_timestamp"]),
    rowVersionColumn: optionalString(options["row_version_column_name"]),
  };
}
