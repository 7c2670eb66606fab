import { findFirst, parseJsonPath } from "../json-path.js";
import type { RequestSpec } from "../request.js";
import {
  PaginationError,
  type PageResponse,
  type Paginator,
  type PaginatorFactory,
} from "./paginator.js";

/**
 * dlt paginator `type: "json_link"` and its deprecated alias `type: "json_response"`
 * (reference §3.3): reads the next page's URL at `next_url_path` (default `"next"`)
 * in the body and requests it, relative URLs resolved against the current one,
 * with the query parameters cleared (the link carries them); headers and JSON
 * body are kept. The only stop condition is the path having no match or holding
 * `null`. Any other non-URL value is an error, where dlt would send a broken request,
 * and so is a link to another host, which dlt would follow with the credentials.
 */
export interface JsonLinkPaginatorOptions {
  next_url_path?: string;
}

/** The options of the deprecated `json_response` alias: the same as `json_link`. */
export type JsonResponsePaginatorOptions = JsonLinkPaginatorOptions;

/**
 * The next-URL paginator that json_link and header_link share (reference §3.2):
 * `readNext` gives the next link from a response, or `undefined` when there is none.
 */
export function nextUrlPaginator(
  readNext: (response: PageResponse) => string | undefined,
): Paginator {
  let next: string | undefined;
  let hasNextPage = true;
  return {
    get hasNextPage() {
      return hasNextPage;
    },
    initRequest() {},
    updateState(response) {
      next = readNext(response);
      hasNextPage = next !== undefined;
    },
    updateRequest(request: RequestSpec) {
      if (next === undefined) return;
      let resolved: URL;
      try {
        resolved = new URL(next, request.url);
      } catch {
        throw new PaginationError(`the next page link ${JSON.stringify(next)} is not a URL`);
      }
      // dlt would follow it and send the resource's credentials along; a link elsewhere is more likely an attack or a bug.
      const origin = new URL(request.url).origin;
      if (resolved.origin !== origin) {
        throw new PaginationError(
          `the next page link points to another host (${resolved.origin}, not ${origin}); it is not followed`,
        );
      }
      request.url = resolved.toString();
      request.query = {};
    },
  };
}

export function jsonLinkPaginator(options: JsonLinkPaginatorOptions = {}): PaginatorFactory {
  const path = options.next_url_path ?? "next";
  const segments = parseJsonPath(path);
  const readNext = ({ body }: PageResponse): string | undefined => {
    const { found, value } = findFirst(segments, body);
    if (!found || value === null) return undefined;
    // An empty link would re-request the current page forever, so it is refused rather than followed.
    if (typeof value !== "string" || value === "") {
      throw new PaginationError(
        `next_url_path ${JSON.stringify(path)} is ${JSON.stringify(value)}, expected a URL or null`,
      );
    }
    return value;
  };
  return () => nextUrlPaginator(readNext);
}

/** @deprecated dlt's old name for `json_link`; use {@link jsonLinkPaginator}. */
export const jsonResponsePaginator = jsonLinkPaginator;
