import type { PaginatorFactory } from "./paginator.js";
import { rangePaginator } from "./range.js";

/**
 * dlt paginator `type: "page_number"` (reference §3.7, range logic §3.8): sends
 * the page number as `page_param` (default `"page"`) or at `page_body_path`,
 * starting at `page` (default `base_page`, itself default 0) and adding 1 per page.
 * Stops on an empty page (`stop_after_empty_page`, default true), once the page
 * reaches `total_path`'s page count + `base_page` (default path `"total"`, `null`
 * disables it), at `maximum_page` (exclusive), or when `has_more_path` says so,
 * which overrides the total and the maximum.
 */
export interface PageNumberPaginatorOptions {
  base_page?: number;
  page?: number;
  page_param?: string;
  page_body_path?: string;
  total_path?: string | null;
  maximum_page?: number;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

export function pageNumberPaginator(options: PageNumberPaginatorOptions = {}): PaginatorFactory {
  const basePage = options.base_page ?? 0;
  const pageParam =
    options.page_body_path === undefined ? (options.page_param ?? "page") : undefined;
  return () =>
    rangePaginator({
      start: options.page ?? basePage,
      step: 1,
      // The total counts pages, so with 1-based numbering the last page is `total` itself.
      baseIndex: basePage,
      param: pageParam,
      bodyPath: options.page_body_path,
      totalPath: options.total_path === undefined ? "total" : options.total_path,
      maximum: options.maximum_page,
      stopAfterEmptyPage: options.stop_after_empty_page ?? true,
      hasMorePath: options.has_more_path,
    });
}
