import { findFirst, parseJsonPath } from "./json-path.js";
import type { JsonValue } from "./request.js";

/**
 * dlt `endpoint.incremental` (reference §7): the cursor of each record decides
 * whether it is new; the highest (or, with `last_value_func: "min"`, lowest) cursor
 * delivered becomes the next run's start. Records at the start value that were
 * already delivered (same primary key, or same content) are not delivered twice.
 * `lag` and Python callables (`convert`, custom `last_value_func`) are not supported.
 */
export interface IncrementalOptions {
  cursor_path: string;
  initial_value?: JsonValue;
  end_value?: JsonValue;
  start_param?: string;
  end_param?: string;
  last_value_func?: "max" | "min";
  primary_key?: string | string[];
  on_cursor_value_missing?: "raise" | "include" | "exclude";
  range_start?: "open" | "closed";
  range_end?: "open" | "closed";
  row_order?: "asc" | "desc";
}

/** What one resource's incremental keeps between runs. */
export interface IncrementalState {
  last_value: JsonValue;
  /** Identities of the delivered records whose cursor equals `last_value`. */
  unique_hashes: string[];
}

export class CursorMissingError extends Error {
  override name = "CursorMissingError";
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Numbers by value, ISO dates and timestamps as instants (`…00Z` equals `…00.000Z`), other values as text. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string" && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    const difference = Date.parse(a) - Date.parse(b);
    if (!Number.isNaN(difference)) return difference;
  }
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A stable identity: keys sorted, so the same record always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${stableJson(child)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface IncrementalRun {
  /** The values `{incremental.*}` placeholders and `start_param`/`end_param` read, fixed for the run. */
  readonly values: {
    start_value: unknown;
    last_value: unknown;
    initial_value: unknown;
    end_value: unknown;
  };
  /** Whether the record is in range and not already delivered. Throws `CursorMissingError` when configured to. */
  accepts(record: unknown): boolean;
  /**
   * How delivering `records` (one page, in order) moves the state; call the result once they
   * have reached the consumer: only delivered records move it. Read before delivery, because
   * the consumer may empty the page (a sync does, to let each record go once it is loaded).
   */
  deliverable(records: readonly unknown[]): () => void;
  /** The state to keep after this run; `undefined` when `end_value` is set (a backfill keeps no state, as in dlt). */
  state(): IncrementalState | undefined;
}

export function startIncremental(
  options: IncrementalOptions,
  stored: IncrementalState | undefined,
): IncrementalRun {
  const cursor = parseJsonPath(options.cursor_path);
  const direction = options.last_value_func === "min" ? -1 : 1;
  const backfill = options.end_value !== undefined;
  const start = backfill ? options.initial_value : (stored?.last_value ?? options.initial_value);
  const seen = new Set(backfill ? [] : (stored?.unique_hashes ?? []));
  const keys =
    options.primary_key === undefined
      ? undefined
      : Array.isArray(options.primary_key)
        ? options.primary_key
        : [options.primary_key];
  const identity = (record: unknown) =>
    stableJson(keys ? keys.map((key) => (record as Record<string, unknown>)[key]) : record);

  let last: unknown = start;
  let lastHashes = new Set(seen);

  const cursorOf = (record: unknown): { found: boolean; value: unknown } => {
    const { found, value } = findFirst(cursor, record);
    return { found: found && value !== null && value !== undefined, value };
  };

  return {
    values: {
      start_value: start ?? null,
      last_value: start ?? null,
      initial_value: options.initial_value ?? null,
      end_value: options.end_value ?? null,
    },
    accepts(record) {
      const { found, value } = cursorOf(record);
      if (!found) {
        const policy = options.on_cursor_value_missing ?? "raise";
        if (policy === "raise")
          throw new CursorMissingError(
            `a record has no cursor value at ${JSON.stringify(options.cursor_path)}`,
          );
        return policy === "include";
      }
      if (start !== undefined && start !== null) {
        const order = direction * compare(value, start);
        if (order < 0) return false;
        if (order === 0 && (options.range_start === "open" || seen.has(identity(record))))
          return false;
      }
      if (options.end_value !== undefined && options.end_value !== null) {
        const order = direction * compare(value, options.end_value);
        if (order > 0 || (order === 0 && options.range_end !== "closed")) return false;
      }
      return true;
    },
    deliverable(records) {
      // The page's own latest cursor value and the identities at it, as delivering record by record finds them.
      let found = false;
      let pageLast: unknown;
      let pageHashes: string[] = [];
      for (const record of records) {
        const { found: has, value } = cursorOf(record);
        if (!has) continue;
        const order = found ? direction * compare(value, pageLast) : 1;
        if (order > 0) {
          found = true;
          pageLast = value;
          pageHashes = [identity(record)];
        } else if (order === 0) pageHashes.push(identity(record));
      }
      return () => {
        if (!found) return;
        const order = last === undefined || last === null ? 1 : direction * compare(pageLast, last);
        if (order > 0) {
          last = pageLast;
          lastHashes = new Set(pageHashes);
        } else if (order === 0) for (const hash of pageHashes) lastHashes.add(hash);
      };
    },
    state() {
      if (backfill || last === undefined) return undefined;
      return { last_value: last as JsonValue, unique_hashes: [...lastHashes].sort() };
    },
  };
}
