import { setBodyPath } from "../request.js";
import type { PaginatorFactory } from "./paginator.js";
import { rangePaginator } from "./range.js";

/**
 * dlt paginator `type: "offset"` (reference §3.6): sends `offset_param` and
 * `limit_param` (or their `_body_path` forms), advances the offset by `limit`,
 * and stops on an empty page, at `total_path`'s total, at `maximum_offset`
 * (exclusive), or when `has_more_path` says so.
 */
export interface OffsetPaginatorOptions {
  limit: number;
  offset?: number;
  offset_param?: string;
  offset_body_path?: string;
  limit_param?: string;
  limit_body_path?: string;
  total_path?: string | null;
  maximum_offset?: number;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

export function offsetPaginator(options: OffsetPaginatorOptions): PaginatorFactory {
  const offsetParam =
    options.offset_body_path === undefined ? (options.offset_param ?? "offset") : undefined;
  const limitParam =
    options.limit_body_path === undefined ? (options.limit_param ?? "limit") : undefined;
  return () =>
    rangePaginator({
      start: options.offset ?? 0,
      step: options.limit,
      baseIndex: 0,
      param: offsetParam,
      bodyPath: options.offset_body_path,
      totalPath: options.total_path === undefined ? "total" : options.total_path,
      maximum: options.maximum_offset,
      stopAfterEmptyPage: options.stop_after_empty_page ?? true,
      hasMorePath: options.has_more_path,
      writeExtra(request) {
        if (options.limit_body_path !== undefined)
          setBodyPath(request, options.limit_body_path, options.limit);
        else if (limitParam !== undefined) request.query[limitParam] = options.limit;
      },
    });
}
