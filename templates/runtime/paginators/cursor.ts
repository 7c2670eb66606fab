import { findFirst, parseJsonPath } from "../json-path.js";
import { setBodyPath, type JsonValue, type QueryValue } from "../request.js";
import type { PaginatorFactory } from "./paginator.js";
import { readHasMore } from "./range.js";

/**
 * dlt paginator `type: "cursor"` (reference §3.4): reads the next cursor at
 * `cursor_path` (default `"cursors.next"`) and sends it as `cursor_param`
 * (default `"cursor"`) or at `cursor_body_path`. The first request carries no cursor.
 * Stops when the cursor is missing or falsy the way Python sees it (`null`, `""`,
 * `0`, `false`, `[]`, `{}`), on an empty page when `stop_after_empty_page`
 * (default false), or when `has_more_path` says so; `has_more_path` overrides the
 * cursor, so `true` with no cursor asks for the next page without one.
 */
export interface CursorPaginatorOptions {
  cursor_path?: string;
  cursor_param?: string;
  cursor_body_path?: string;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

/** Python's truthiness, which dlt applies to the cursor: empty containers count as missing too. */
function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A cursor as a query value: scalars as they are, a list as repeated parameters, anything else as JSON text. */
function toQueryValue(cursor: JsonValue): QueryValue {
  // Two steps, so the narrowing also holds where strictNullChecks is off.
  if (cursor === null) return null;
  if (typeof cursor !== "object") return cursor;
  if (Array.isArray(cursor) && cursor.every((item) => item !== null && typeof item !== "object")) {
    return cursor as (string | number | boolean)[];
  }
  return JSON.stringify(cursor);
}

export function cursorPaginator(options: CursorPaginatorOptions = {}): PaginatorFactory {
  const cursorPath = options.cursor_path ?? "cursors.next";
  const cursorSegments = parseJsonPath(cursorPath);
  const hasMorePath = options.has_more_path;
  const hasMoreSegments = hasMorePath === undefined ? undefined : parseJsonPath(hasMorePath);
  const bodyPath = options.cursor_body_path;
  const cursorParam = options.cursor_param ?? "cursor";
  const stopAfterEmptyPage = options.stop_after_empty_page ?? false;

  return () => {
    let cursor: JsonValue = null;
    let hasNextPage = true;
    return {
      get hasNextPage() {
        return hasNextPage;
      },
      initRequest() {},
      updateState({ body }, records) {
        const { found, value } = findFirst(cursorSegments, body);
        // The body came from JSON.parse, so whatever it holds is a JSON value.
        cursor = found && isTruthy(value) ? (value as JsonValue) : null;
        hasNextPage = cursor !== null;
        if (stopAfterEmptyPage && records.length === 0) {
          hasNextPage = false;
          return;
        }
        if (hasMorePath !== undefined && hasMoreSegments !== undefined) {
          hasNextPage = readHasMore(body, hasMorePath, hasMoreSegments);
        }
      },
      updateRequest(request) {
        // A null cursor (has_more_path said go on without one) is dropped from the query, as dlt's HTTP client does.
        if (bodyPath !== undefined) setBodyPath(request, bodyPath, cursor);
        else request.query[cursorParam] = toQueryValue(cursor);
      },
    };
  };
}
