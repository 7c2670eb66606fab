import type { PaginatorFactory } from "./paginator.js";

/**
 * dlt paginator `type: "single_page"` (reference §3.1): no keys. One request is
 * sent as configured; the only stop condition is having received that response.
 */
export type SinglePagePaginatorOptions = Record<string, never>;

export function singlePagePaginator(_options: SinglePagePaginatorOptions = {}): PaginatorFactory {
  return () => {
    let hasNextPage = true;
    return {
      get hasNextPage() {
        return hasNextPage;
      },
      initRequest() {},
      updateState() {
        hasNextPage = false;
      },
      updateRequest() {},
    };
  };
}
