import { findFirst, parseJsonPath } from "../json-path.js";
import { cloneRequest, setBodyPath, type RequestSpec } from "../request.js";
import { PaginationError, type PageResponse, type Paginator } from "./paginator.js";

/**
 * The numeric-range logic that dlt's `offset` and `page_number` paginators share
 * (reference §3.8), in its exact order: an empty page stops first; then the total
 * is read (missing or non-numeric is an error), the counter advances by `step`,
 * and paging stops at `total + baseIndex` or at the exclusive `maximum`;
 * finally `has_more_path`, when set, overrides that decision.
 */
export interface RangeOptions {
  start: number;
  step: number;
  baseIndex: number;
  param: string | undefined;
  bodyPath: string | undefined;
  totalPath: string | null;
  maximum: number | undefined;
  stopAfterEmptyPage: boolean;
  hasMorePath: string | undefined;
  /** Writes what the paginator sends besides the counter (the offset paginator's limit). */
  writeExtra?: (request: RequestSpec) => void;
}

const TRUE_WORDS = new Set(["yes", "true", "t", "y", "1"]);
const FALSE_WORDS = new Set(["no", "false", "f", "n", "0"]);

/** dlt's `has_more_path` reading: a boolean, or a string spelling one. */
export function readHasMore(body: unknown, path: string, segments = parseJsonPath(path)): boolean {
  const { found, value } = findFirst(segments, body);
  if (!found || value === null)
    throw new PaginationError(`has_more_path ${JSON.stringify(path)} not found in the response`);
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw new PaginationError(
    `has_more_path ${JSON.stringify(path)} is ${JSON.stringify(value)}, expected a boolean`,
  );
}

export function rangePaginator(options: RangeOptions): Paginator {
  const totalSegments = options.totalPath === null ? undefined : parseJsonPath(options.totalPath);
  const hasMoreSegments =
    options.hasMorePath === undefined ? undefined : parseJsonPath(options.hasMorePath);
  let current = options.start;
  let hasNextPage = true;
  // The end the latest page's total gives: where requests ahead stop. Unknown without a total.
  let end: number | undefined;

  const write = (request: RequestSpec, counter = current) => {
    if (options.bodyPath !== undefined) setBodyPath(request, options.bodyPath, counter);
    else if (options.param !== undefined) request.query[options.param] = counter;
    options.writeExtra?.(request);
  };

  return {
    get hasNextPage() {
      return hasNextPage;
    },
    initRequest(request) {
      current = options.start;
      write(request);
    },
    updateState({ body }: PageResponse, records) {
      if (options.stopAfterEmptyPage && records.length === 0) {
        hasNextPage = false;
        return;
      }
      let total: number | undefined;
      if (totalSegments !== undefined) {
        const { found, value } = findFirst(totalSegments, body);
        if (!found || value === null) {
          throw new PaginationError(
            `total_path ${JSON.stringify(options.totalPath)} not found in the response; set "total_path": null if the API sends no total`,
          );
        }
        // As Python's int(): numbers are truncated, numeric strings parsed.
        total =
          typeof value === "number"
            ? Math.trunc(value)
            : typeof value === "string" && value.trim() !== ""
              ? Number(value)
              : NaN;
        if (!Number.isInteger(total)) {
          throw new PaginationError(
            `total_path ${JSON.stringify(options.totalPath)} is ${JSON.stringify(value)}, expected an integer`,
          );
        }
      }
      current += options.step;
      if (total !== undefined) end = total + options.baseIndex;
      if (
        (total !== undefined && current >= total + options.baseIndex) ||
        (options.maximum !== undefined && current >= options.maximum)
      ) {
        hasNextPage = false;
      }
      if (hasMoreSegments !== undefined && options.hasMorePath !== undefined) {
        hasNextPage = readHasMore(body, options.hasMorePath, hasMoreSegments);
      }
    },
    updateRequest(request) {
      write(request);
    },
    requestAhead(next, ahead) {
      if (!hasNextPage || end === undefined) return undefined;
      const counter = current + ahead * options.step;
      if (counter >= end || (options.maximum !== undefined && counter >= options.maximum))
        return undefined;
      const request = cloneRequest(next);
      write(request, counter);
      return request;
    },
  };
}
