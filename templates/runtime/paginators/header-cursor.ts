import type { PaginatorFactory } from "./paginator.js";

/**
 * dlt paginator `type: "header_cursor"` (reference §3.5): reads the next cursor
 * from the response header `cursor_key` (default `"next"`, any case) and sends it
 * as the query parameter `cursor_param` (default `"cursor"`), keeping the other
 * parameters. The only stop condition is the header being absent: as in dlt, an
 * empty header value is still a cursor.
 */
export interface HeaderCursorPaginatorOptions {
  cursor_key?: string;
  cursor_param?: string;
}

export function headerCursorPaginator(
  options: HeaderCursorPaginatorOptions = {},
): PaginatorFactory {
  const cursorKey = options.cursor_key ?? "next";
  const cursorParam = options.cursor_param ?? "cursor";
  return () => {
    let cursor: string | null = null;
    let hasNextPage = true;
    return {
      get hasNextPage() {
        return hasNextPage;
      },
      initRequest() {},
      updateState({ headers }) {
        cursor = headers.get(cursorKey);
        hasNextPage = cursor !== null;
      },
      updateRequest(request) {
        request.query[cursorParam] = cursor;
      },
    };
  };
}
