import type { HttpClient, HttpResponse } from "./client.js";
import { createDataSelector } from "./data-selector.js";
import { detectDataSelector } from "./detect-data-selector.js";
import { ResponseShapeError } from "./errors.js";
import { PaginationError, type Paginator } from "./paginators/paginator.js";
import { cloneRequest, requestKey, type RequestSpec } from "./request.js";
import type { Throttle } from "./throttle.js";

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
  /**
   * Requests in flight at once when the paginator can tell pages ahead (`offset` and
   * `page_number` once a response gave the total). Default 1: one at a time, as dlt.
   */
  pageConcurrency?: number | undefined;
  /** Pages requested while the consumer works on one (look-ahead); 0: a page is requested only when asked for. Default 1. */
  prefetch?: number | undefined;
  /** Cancels every request of this chain, e.g. when the resource run ends before the chain does. */
  signal?: AbortSignal | undefined;
  /** Shared by all requests of the resource run: a 429 holds them all back. */
  throttle?: Throttle | undefined;
}

const EXCERPT_LENGTH = 200;

/** A request sent, possibly ahead of its turn, and the response it will give. */
interface Fetch {
  request: RequestSpec;
  settled: boolean;
  controller: AbortController;
  response: Promise<HttpResponse>;
}

/**
 * dlt's request loop (reference §3.0) for one request chain: send, select the
 * records, let the paginator update its state and the request, yield, and go on
 * while it says there is a next page. The paginator only moves after a page
 * succeeded, so a failed request is retried as the same page.
 *
 * Requests may run ahead of that loop without changing what it yields: the next
 * page's request is sent as soon as the paginator has written it, while the
 * consumer still works on the current page (`prefetch`), and when the paginator can
 * tell later pages too, up to `pageConcurrency` requests are in flight at once.
 * Responses still pass through the paginator one by one in page order, so the
 * pages, their order and where paging stops are those of one request at a time;
 * a request ahead that the paginator turns out not to want (paging ended, or it
 * wrote another request) is cancelled unread.
 */
export async function* paginate(
  client: HttpClient,
  request: RequestSpec,
  options: PaginateOptions,
): AsyncGenerator<RawPage, void, undefined> {
  const { paginator, throttle } = options;
  const concurrency = Math.max(1, Math.floor(options.pageConcurrency ?? 1) || 1);
  const prefetch = Math.max(0, Math.floor(options.prefetch ?? 1) || 0);
  const readPage = pageReader(client, options);
  // Sent and not yet handed over, in page order; the first is always for the paginator's current `request`.
  const ahead: Fetch[] = [];
  // True while the consumer waits for the first of `ahead`, false while it works on a page it was given.
  let waiting = false;
  let finished = false;

  function send(spec: RequestSpec): void {
    const controller = new AbortController();
    const response = client.send(spec, options.resource, {
      isIgnored: options.isIgnored,
      signal: controller.signal,
      throttle,
    });
    const fetch: Fetch = { request: spec, settled: false, controller, response };
    // Handles the outcome for the pipeline only: the page's turn awaits `response` itself and sees any failure.
    const settled = () => {
      fetch.settled = true;
      fill();
    };
    response.then(settled, settled);
    ahead.push(fetch);
  }

  /** Sends what the limits allow: while the consumer waits, up to `pageConcurrency`; while it works, `prefetch` pages ahead. */
  function fill(): void {
    if (finished || !paginator.hasNextPage) return;
    const limit = waiting
      ? Math.max(concurrency, prefetch, 1)
      : prefetch === 0
        ? 0
        : Math.max(concurrency, prefetch);
    let inFlight = ahead.filter((fetch) => !fetch.settled).length;
    for (; ahead.length < limit && inFlight < concurrency; inFlight++) {
      const next =
        ahead.length === 0
          ? cloneRequest(request)
          : paginator.requestAhead?.(request, ahead.length);
      if (next === undefined) return;
      send(next);
    }
  }

  function cancelAhead(): void {
    for (const fetch of ahead.splice(0)) fetch.controller.abort();
  }

  // One listener for the chain, not AbortSignal.any per page: Node 20 keeps a trace of every
  // signal combined with a long-lived one until that one aborts, and a run has thousands of pages.
  const stopAll = () => cancelAhead();
  options.signal?.addEventListener("abort", stopAll, { once: true });
  paginator.initRequest(request);
  try {
    for (let number = options.firstPageNumber ?? 1; ; number++) {
      waiting = true;
      fill();
      const current = ahead[0]!;
      const response = await current.response;
      waiting = false;
      ahead.shift();
      if (response.ignored) return;
      const { body, records } = readPage(response, number);
      try {
        paginator.updateState(
          { body, headers: response.headers, url: current.request.url },
          records,
        );
        paginator.updateRequest(request);
      } catch (error) {
        // The problem may quote the response (a next "link" echoing the request URL): redact it too.
        if (error instanceof PaginationError)
          throw shapeError(
            client,
            options.resource,
            response,
            number,
            client.redact(error.message),
          );
        throw error;
      }
      // Requests sent ahead stand only while they are the ones the paginator now wants.
      if (
        !paginator.hasNextPage ||
        (ahead.length > 0 && requestKey(ahead[0]!.request) !== requestKey(request))
      )
        cancelAhead();
      // Look-ahead: the next request goes out before the consumer gets this page.
      fill();
      yield { records, url: response.url };
      if (!paginator.hasNextPage) return;
    }
  } finally {
    // The chain ended, failed, or its consumer stopped: nothing it sent may stay open.
    finished = true;
    options.signal?.removeEventListener("abort", stopAll);
    cancelAhead();
  }
}

/** Parses a page and selects its records; detects the data selector on the first page when none is configured. */
function pageReader(
  client: HttpClient,
  options: PaginateOptions,
): (response: HttpResponse, number: number) => { body: unknown; records: unknown[] } {
  let selectRecords =
    options.dataSelector === undefined ? undefined : createDataSelector(options.dataSelector);
  let selector = options.dataSelector;
  return (response, number) => {
    const fail = (problem: string) =>
      shapeError(client, options.resource, response, number, problem);
    // 204 No Content is an empty page; any other empty success is a broken response, as in dlt.
    if (response.text === "" && response.status !== 204) throw fail("the response body is empty");
    let body: unknown;
    try {
      body = response.text === "" ? null : JSON.parse(response.text);
    } catch {
      const contentType = response.headers.get("content-type") ?? "no content type";
      throw fail(
        `the response is not JSON (${contentType}): ${JSON.stringify(client.redact(response.text.slice(0, 80)))}`,
      );
    }
    selector ??= detectDataSelector(body);
    selectRecords ??= createDataSelector(selector);
    const { records, matched } = selectRecords(body);
    if (!matched && response.status !== 204)
      throw fail(`data_selector ${JSON.stringify(selector)} matched nothing in the response`);
    return { body, records };
  };
}

function shapeError(
  client: HttpClient,
  resource: string,
  response: HttpResponse,
  page: number,
  problem: string,
): ResponseShapeError {
  return new ResponseShapeError({
    resource,
    url: response.url,
    page,
    problem,
    // Redact before cutting, so a secret that crosses the cut cannot leave half of itself.
    bodyExcerpt: client.redact(response.text).slice(0, EXCERPT_LENGTH),
  });
}
