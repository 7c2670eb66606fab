import type { HttpClient } from "./client.js";
import { createDataSelector } from "./data-selector.js";
import { detectDataSelector } from "./detect-data-selector.js";
import { ResponseShapeError } from "./errors.js";
import { PaginationError, type Paginator } from "./paginators/paginator.js";
import type { RequestSpec } from "./request.js";

/** One page as the request loop produced it: the selected records, before any per-resource processing. */
export interface RawPage {
  records: unknown[];
  /** The page's URL, secrets redacted. */
  url: string;
}

export interface PaginateOptions {
  resource: string;
  paginator: Paginator;
  /** Absent: detected from the first response and kept for the later pages, as dlt does. */
  dataSelector?: string | undefined;
  isIgnored?: ((status: number, text: string) => boolean) | undefined;
  /** Numbers pages in errors; a child resource continues its count across parents. */
  firstPageNumber?: number;
}

const EXCERPT_LENGTH = 200;

/**
 * dlt's request loop (reference §3.0) for one request chain: send, select the
 * records, let the paginator update its state and the request, yield, and go on
 * while it says there is a next page. The paginator only moves after a page
 * succeeded, so a failed request is retried as the same page.
 */
export async function* paginate(
  client: HttpClient,
  request: RequestSpec,
  options: PaginateOptions,
): AsyncGenerator<RawPage, void, undefined> {
  const { paginator } = options;
  let selectRecords =
    options.dataSelector === undefined ? undefined : createDataSelector(options.dataSelector);
  let detectedSelector: string | undefined;
  paginator.initRequest(request);
  for (let number = options.firstPageNumber ?? 1; ; number++) {
    const response = await client.send(request, options.resource, { isIgnored: options.isIgnored });
    if (response.ignored) return;
    const shapeError = (problem: string) =>
      new ResponseShapeError({
        resource: options.resource,
        url: response.url,
        page: number,
        problem,
        // Redact before cutting, so a secret that crosses the cut cannot leave half of itself.
        bodyExcerpt: client.redact(response.text).slice(0, EXCERPT_LENGTH),
      });
    // 204 No Content is an empty page; any other empty success is a broken response, as in dlt.
    if (response.text === "" && response.status !== 204)
      throw shapeError("the response body is empty");
    let body: unknown;
    try {
      body = response.text === "" ? null : JSON.parse(response.text);
    } catch {
      const contentType = response.headers.get("content-type") ?? "no content type";
      throw shapeError(
        `the response is not JSON (${contentType}): ${JSON.stringify(client.redact(response.text.slice(0, 80)))}`,
      );
    }
    const selector =
      options.dataSelector ?? detectedSelector ?? (detectedSelector = detectDataSelector(body));
    selectRecords ??= createDataSelector(selector);
    const { records, matched } = selectRecords(body);
    if (!matched && response.status !== 204) {
      throw shapeError(`data_selector ${JSON.stringify(selector)} matched nothing in the response`);
    }
    try {
      paginator.updateState({ body, headers: response.headers, url: request.url }, records);
      paginator.updateRequest(request);
    } catch (error) {
      // The problem may quote the response (a next "link" echoing the request URL): redact it too.
      if (error instanceof PaginationError) throw shapeError(client.redact(error.message));
      throw error;
    }
    yield { records, url: response.url };
    if (!paginator.hasNextPage) return;
  }
}
