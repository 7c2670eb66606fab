import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, type HttpClientOptions } from "../../templates/runtime/client.js";
import { AbortError } from "../../templates/runtime/errors.js";
import { offsetPaginator } from "../../templates/runtime/paginators/offset.js";
import { pageNumberPaginator } from "../../templates/runtime/paginators/page-number.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { createResource } from "../../templates/runtime/resource.js";
import { startFaultServer } from "../support/fault-server.js";
import { startPagedServer, type PagedServer } from "../support/paged-server.js";

/**
 * Concurrent pages for `offset` and `page_number` once the total is known, against a
 * real local server: the records, their order and where paging stops must be those
 * of one request at a time, whatever the concurrency and whatever goes wrong.
 */
type Item = { id: number };
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function paged(options: Parameters<typeof startPagedServer>[0]): Promise<PagedServer> {
  const server = await startPagedServer(options);
  servers.push(server);
  return server;
}

function resource(
  baseUrl: string,
  path: string,
  paginator: PaginatorFactory,
  paging: { pageConcurrency?: number; prefetch?: number },
  client: Partial<HttpClientOptions> = {},
) {
  const http = createHttpClient({ redact: createRedactor([]), retry: { maxRetries: 8, initialDelayMs: 1, maxDelayMs: 5 }, ...client });
  return createResource<Item, object>(
    http,
    { name: "items", baseUrl, path, method: "GET", params: {}, headers: {}, dataSelector: "data", paginator },
    {},
    paging,
  );
}

async function ids(records: AsyncIterable<Item>): Promise<number[]> {
  const seen: number[] = [];
  for await (const record of records) seen.push(record.id);
  return seen;
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);
const offsets = (server: PagedServer) => server.log.map((request) => request.offset).sort((a, b) => a - b);

describe("pageConcurrency with a known total", () => {
  it("delivers every record once, in order, with up to n requests in flight, at concurrency 1 to 8", async () => {
    for (let n = 1; n <= 8; n++) {
      const server = await paged({ records: 1000, latencyMs: 20 });
      const items = resource(server.url, "/offset", offsetPaginator({ limit: 50 }), { pageConcurrency: n });
      expect(await ids(items.records())).toEqual(range(1000));
      // Each page asked for once: no page twice, none beyond the total.
      expect(offsets(server)).toEqual(range(20).map((page) => page * 50));
      // Never more than n at once; more than one whenever n allows (how many overlap depends on the machine's load).
      expect(server.maxOpen).toBeLessThanOrEqual(n);
      expect(server.maxOpen > 1).toBe(n > 1);
    }
  });

  it("pages page_number resources too, from total_pages", async () => {
    const server = await paged({ records: 95, latencyMs: 20 });
    const paginator = pageNumberPaginator({ base_page: 1, page_param: "page", total_path: "total_pages" });
    const items = resource(`${server.url}`, "/pages?size=10", paginator, { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(95));
    expect(offsets(server)).toEqual(range(10).map((page) => page * 10));
    expect(server.maxOpen).toBeLessThanOrEqual(4);
    expect(server.maxOpen).toBeGreaterThan(1);
  });

  it("stays exactly-once and in order under 20% faults (statuses and resets), at concurrency 1 to 8", async () => {
    let resets = 0;
    let faults = 0;
    for (let n = 1; n <= 8; n++) {
      const server = await startFaultServer({
        records: 3000,
        faultRate: 0.2,
        seed: n,
        mix: { "429": 1, "500": 1, "502": 1, "503": 1, "504": 1, "reset-before-headers": 1, "reset-mid-body": 1 },
      });
      servers.push(server);
      const items = resource(server.url, "/items", offsetPaginator({ limit: 100 }), { pageConcurrency: n }, { retry: { maxRetries: 12, initialDelayMs: 1, maxDelayMs: 2 } });
      expect(await ids(items.records())).toEqual(range(3000));
      // A failed page was asked for again on its own; every page was served well exactly once.
      expect(server.pagesServed).toBe(30);
      faults += Object.values(server.faults).reduce((sum, count) => sum + (count ?? 0), 0);
      resets += (server.faults["reset-mid-body"] ?? 0) + (server.faults["reset-before-headers"] ?? 0);
    }
    // The faults did happen (about 60 expected over the 8 runs): these were not clean runs.
    expect(faults).toBeGreaterThan(30);
    expect(resets).toBeGreaterThan(4);
  });

  it("retries a failed page alone and keeps the pages fetched around it", async () => {
    let failed = false;
    const server = await paged({
      records: 400,
      latencyMs: 5,
      fail: (request) => (request.offset === 150 && !failed ? ((failed = true), { status: 503 }) : undefined),
    });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 50 }), { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(400));
    const counts = new Map<number, number>();
    for (const offset of offsets(server)) counts.set(offset, (counts.get(offset) ?? 0) + 1);
    expect([...counts]).toEqual(range(8).map((page) => [page * 50, page === 3 ? 2 : 1]));
  });
});

describe("stop conditions with pages in flight", () => {
  it("maximum_offset: no request at or beyond it", async () => {
    const server = await paged({ records: 10_000, latencyMs: 2 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 50, maximum_offset: 500 }), { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(500));
    expect(offsets(server)).toEqual(range(10).map((page) => page * 50));
  });

  it("maximum_page: no request at or beyond it", async () => {
    const server = await paged({ records: 1000, latencyMs: 2 });
    const paginator = pageNumberPaginator({ base_page: 1, total_path: "total_pages", maximum_page: 4 });
    const items = resource(server.url, "/pages?size=10", paginator, { pageConcurrency: 8 });
    expect(await ids(items.records())).toEqual(range(30));
    expect(offsets(server)).toEqual([0, 10, 20]);
  });

  it("a short last page is the last request", async () => {
    const server = await paged({ records: 1030, latencyMs: 2 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(1030));
    expect(offsets(server)).toEqual(range(11).map((page) => page * 100));
  });

  it("stop_after_empty_page: the first empty page ends paging; only the pages already in flight were sent beyond it", async () => {
    // The total claims 2000, but records end at 1000: the page at 1000 is empty.
    const server = await paged({ records: 1000, total: () => 2000, latencyMs: 5 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(1000));
    const beyond = server.log.filter((request) => request.offset > 1000);
    // When the empty page is handed over, at most 3 later pages are in flight: they are all the extra there is.
    expect(beyond.length).toBeLessThanOrEqual(3);
    expect(Math.max(...offsets(server))).toBeLessThanOrEqual(1300);
    expect(offsets(server).filter((offset) => offset <= 1000)).toEqual(range(11).map((page) => page * 100));
  });

  it("a total that shrinks mid-run ends paging at the new total", async () => {
    const server = await paged({ records: (index) => (index < 3 ? 2000 : 800), latencyMs: 5 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 });
    const seen = await ids(items.records());
    expect(seen).toEqual(range(800));
    // At most the first three answers claimed 2000, and at most 4 pages are ever ahead of the one handed over:
    // nothing at or beyond the new total was ever requested.
    expect(server.log.filter((request) => request.offset >= 800)).toEqual([]);
  });

  it("a total that grows mid-run pages on to the new total", async () => {
    const server = await paged({ records: (index) => (index < 1 ? 500 : 1000), latencyMs: 5 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 });
    expect(await ids(items.records())).toEqual(range(1000));
    expect(offsets(server)).toEqual(range(10).map((page) => page * 100));
  });
});

describe("cancelling", () => {
  it("an abort mid-run ends iteration with AbortError and leaves no request open on the server", async () => {
    const server = await paged({ records: 10_000, latencyMs: 1500 });
    const controller = new AbortController();
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 6 }, { signal: controller.signal });
    const iterator = items.records();
    await iterator.next();
    // Wait until the pages after the first are in flight, then abort.
    await until(() => server.open === 6);
    controller.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
    await until(() => server.open === 0);
    // Every request after the first was dropped by the client, long before its 1.5 s answer.
    expect(server.log.slice(1).every((request) => request.dropped && request.answeredAt === undefined)).toBe(true);
  });

  it("a consumer that stops early cancels the pages fetched ahead", async () => {
    const server = await paged({ records: 10_000, latencyMs: 1500 });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 });
    const iterator = items.records();
    await iterator.next();
    await until(() => server.open === 4);
    await iterator.return();
    await until(() => server.open === 0);
    expect(server.log.length).toBe(5);
    expect(server.log.slice(1).every((request) => request.dropped)).toBe(true);
  });
});

describe("a 429 storm", () => {
  it("holds every request of the resource back for Retry-After, then pages on in order", async () => {
    const storm = new Set([1, 2, 3, 4]);
    const server = await paged({
      records: 1000,
      latencyMs: 5,
      fail: (request) => (storm.has(request.index) ? { status: 429, headers: { "retry-after": "1" } } : undefined),
    });
    const items = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), { pageConcurrency: 4 }, { retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2000 } });
    expect(await ids(items.records())).toEqual(range(1000));
    const refused = server.log.filter((request) => request.status === 429);
    expect(refused).toHaveLength(4);
    const firstRefusal = Math.min(...refused.map((request) => request.answeredAt ?? Infinity));
    // Nobody hammered: after the first 429 nothing came before its Retry-After, not even the other pages.
    const after = server.log.filter((request) => request.arrivedAt > firstRefusal && !storm.has(request.index));
    expect(after.length).toBeGreaterThan(0);
    for (const request of after) expect(request.arrivedAt - firstRefusal).toBeGreaterThanOrEqual(950);
    // And the pages came back fewer at a time than before the storm.
    const resumed = Math.min(...after.map((request) => request.arrivedAt));
    expect(server.log.filter((request) => request.arrivedAt >= resumed && request.arrivedAt < resumed + 3).length).toBeLessThan(4);
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for the server");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
