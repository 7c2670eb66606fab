import type { ServerResponse } from "node:http";
import { startServer, type LoggedRequest, type TestServer } from "./http-server.js";

/**
 * A local paged API for the pagination tests and the benchmark, with a latency per
 * page and a log of what every request went through (when it came, when it was
 * answered or dropped by the client), so tests can assert on what the server saw.
 *
 * - `GET /offset?offset&limit` → `{ data, total }` (offset paginator)
 * - `GET /pages?page&size` → `{ data, total_pages }`, pages from 1 (page_number paginator)
 * - `GET /cursor?cursor&limit` → `{ data, next }`, `next` null on the last page (cursor paginator)
 * - `GET /links?cursor&limit` → `{ data, next_url }`, plus the headers `Link: <next page>; rel="next"`
 *   and `next: <cursor>`, all absent or null on the last page (json_link, header_link, header_cursor)
 * - the same under `/parents/<p>/…`: the records of parent `p`
 * - any other path: as `/offset`
 *
 * Records are `{ id, parent? }` with ids from 0, built per request: the server holds none.
 */
export interface PagedServerOptions {
  /** Records in the dataset; a function of the request's index (0-based) makes it change mid-run. */
  records: number | ((index: number) => number);
  /** The total the response claims, when it differs from the records. */
  total?: (index: number) => number;
  /** Milliseconds before each answer; a function of the request makes some answers slower than others. */
  latencyMs?: number | ((request: PageRequest) => number);
  /** Answers a request with this status (and headers) instead of its page. */
  fail?: (request: PageRequest) => { status: number; headers?: Record<string, string> } | undefined;
}

/** One request as the paged server saw it. */
export interface PageRequest {
  index: number;
  path: string;
  /** The position of the page's first record, whatever the paging style. */
  offset: number;
  parent: string | undefined;
  arrivedAt: number;
  /** Set once the answer was fully written. */
  answeredAt?: number;
  status?: number;
  /** The connection closed before the answer was written: the client cancelled. */
  dropped: boolean;
}

export interface PagedServer extends TestServer {
  log: PageRequest[];
  /** Requests being handled right now. */
  readonly open: number;
  /** The most requests ever handled at once. */
  readonly maxOpen: number;
}

function pageOf(request: LoggedRequest): { style: string; parent: string | undefined; offset: number; limit: number } {
  const url = new URL(request.url, "http://localhost");
  const match = /^(?:\/parents\/([^/]+))?\/(offset|pages|cursor|links)$/.exec(url.pathname);
  const style = match?.[2] ?? "offset";
  const number = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
  if (style === "pages") {
    const size = number("size", 10);
    return { style, parent: match?.[1], offset: (number("page", 1) - 1) * size, limit: size };
  }
  return { style, parent: match?.[1], offset: number(style === "cursor" || style === "links" ? "cursor" : "offset", 0), limit: number("limit", 10) };
}

export async function startPagedServer(options: PagedServerOptions): Promise<PagedServer> {
  const log: PageRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const base = await startServer(async (request, response: ServerResponse) => {
    const { style, parent, offset, limit } = pageOf(request);
    const entry: PageRequest = { index: log.length, path: request.url, offset, parent, arrivedAt: Date.now(), dropped: false };
    log.push(entry);
    open++;
    maxOpen = Math.max(maxOpen, open);
    response.on("close", () => {
      open--;
      if (!response.writableFinished) entry.dropped = true;
    });
    const latencyMs = typeof options.latencyMs === "function" ? options.latencyMs(entry) : options.latencyMs;
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (response.destroyed) return;
    const failure = options.fail?.(entry);
    if (failure) {
      entry.status = failure.status;
      response.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
      response.end(JSON.stringify({ error: `status ${failure.status}` }));
      entry.answeredAt = Date.now();
      return;
    }
    const records = typeof options.records === "number" ? options.records : options.records(entry.index);
    const total = options.total?.(entry.index) ?? records;
    const data = [];
    for (let id = offset; id < Math.min(records, offset + limit); id++) data.push(parent === undefined ? { id } : { id, parent });
    const next = offset + limit < records ? String(offset + limit) : null;
    const nextUrl = next === null ? null : `${parent === undefined ? "" : `/parents/${parent}`}/links?cursor=${next}&limit=${limit}`;
    const body =
      style === "offset"
        ? { data, total }
        : style === "pages"
          ? { data, total_pages: Math.ceil(total / limit) }
          : style === "cursor"
            ? { data, next }
            : { data, next_url: nextUrl };
    const links = style === "links" && nextUrl !== null ? { link: `<${nextUrl}>; rel="next"`, next: next! } : {};
    entry.status = 200;
    response.writeHead(200, { "content-type": "application/json", ...links });
    response.end(JSON.stringify(body), () => (entry.answeredAt = Date.now()));
  });
  return {
    ...base,
    log,
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
  };
}
