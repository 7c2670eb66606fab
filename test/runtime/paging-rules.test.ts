import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, type HttpClientOptions } from "../../templates/runtime/client.js";
import { AbortError } from "../../templates/runtime/errors.js";
import { cursorPaginator } from "../../templates/runtime/paginators/cursor.js";
import { headerCursorPaginator } from "../../templates/runtime/paginators/header-cursor.js";
import { headerLinkPaginator } from "../../templates/runtime/paginators/header-link.js";
import { jsonLinkPaginator } from "../../templates/runtime/paginators/json-link.js";
import { offsetPaginator } from "../../templates/runtime/paginators/offset.js";
import { pageNumberPaginator } from "../../templates/runtime/paginators/page-number.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { createResource, type ParentLink } from "../../templates/runtime/resource.js";
import { startFaultServer } from "../support/fault-server.js";
import { startPagedServer, type PagedServer } from "../support/paged-server.js";

/**
 * The paging rules of issue 11 where the other pagination tests leave them open, against a
 * real local server: look-ahead with every paginator, how many pages may wait in memory,
 * and the children of a parallelized resource under faults, abort and 429s.
 */
type Item = { id: number; parent?: string; _parents_id?: number };
type Paging = { pageConcurrency?: number; prefetch?: number };
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
  paging: Paging,
  options: { parent?: ParentLink; client?: Partial<HttpClientOptions> } = {},
) {
  const client = createHttpClient({ redact: createRedactor([]), retry: { maxRetries: 12, initialDelayMs: 1, maxDelayMs: 2 }, ...options.client });
  const name = options.parent ? "children" : "parents";
  return createResource<Item, object>(
    client,
    { name, baseUrl, path, method: "GET", params: {}, headers: {}, dataSelector: "data", paginator, parent: options.parent },
    {},
    paging,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe("look-ahead with every paginator", () => {
  // 30 records in pages of 10: a link or cursor API says page 3 is the last; without a total, the empty page 4 ends paging.
  const paginators: [string, string, PaginatorFactory, number][] = [
    ["cursor", "/cursor?limit=10", cursorPaginator({ cursor_path: "next" }), 3],
    ["json_link", "/links?limit=10", jsonLinkPaginator({ next_url_path: "next_url" }), 3],
    ["header_link", "/links?limit=10", headerLinkPaginator(), 3],
    ["header_cursor", "/links?limit=10", headerCursorPaginator(), 3],
    ["offset without a total", "/offset", offsetPaginator({ limit: 10, total_path: null }), 4],
    ["page_number without a total", "/pages?size=10", pageNumberPaginator({ base_page: 1, total_path: null }), 4],
  ];

  it.each(paginators)("%s: the next page is requested while the consumer holds this one, and nothing beyond it", async (_name, path, paginator, requests) => {
    const server = await paged({ records: 30, latencyMs: 2 });
    const ids: number[] = [];
    const requestsWhileHolding: number[] = [];
    for await (const page of resource(server.url, path, paginator, {}).pages()) {
      // The next page's request arrives without being asked for; then a little time for a second one, which must not come.
      await until(() => server.log.length >= Math.min(page.number + 1, requests));
      await pause(20);
      requestsWhileHolding.push(server.log.length);
      ids.push(...page.records.map((record) => record.id));
    }
    expect(ids).toEqual(range(30));
    expect(requestsWhileHolding).toEqual(requestsWhileHolding.map((_, index) => Math.min(index + 2, requests)));
    // Each page was asked for once.
    expect(server.log.map((request) => request.offset)).toEqual(range(requests).map((page) => page * 10));
  });
});

describe("pages waiting in memory", () => {
  it.each([
    [{ pageConcurrency: 4 }, 4],
    [{ pageConcurrency: 1, prefetch: 3 }, 3],
    // No look-ahead: while the consumer works, nothing is requested, whatever the concurrency.
    [{ pageConcurrency: 2, prefetch: 0 }, 0],
  ] as [Paging, number][])("%o: a consumer holding a page has %i more requested and kept, however fast the API", async (paging, ahead) => {
    const server = await paged({ records: 2000, latencyMs: 1 });
    const pages = resource(server.url, "/offset", offsetPaginator({ limit: 100 }), paging).pages();
    await pages.next();
    // A fast API and a stalled consumer: only the window limits how much is fetched and kept.
    await until(() => server.log.filter((request) => request.answeredAt !== undefined).length >= 1 + ahead);
    await pause(100);
    expect(server.log.length).toBe(1 + ahead);
    expect(server.log.filter((request) => request.answeredAt !== undefined)).toHaveLength(1 + ahead);
    await pages.return(undefined);
  });

  it("by default one request is in flight at a time, as dlt's pattern", async () => {
    const server = await paged({ records: 500, latencyMs: 5 });
    const ids: number[] = [];
    for await (const record of resource(server.url, "/offset", offsetPaginator({ limit: 50 }), {}).records()) ids.push(record.id);
    expect(ids).toEqual(range(500));
    expect(server.maxOpen).toBe(1);
  });
});

describe("children of a parallelized resource follow the same rules", () => {
  const PARENTS = 4;

  it("every child record once and in parent and page order under 20% faults, with concurrent pages per parent", async () => {
    const server = await startFaultServer({
      records: 300,
      faultRate: 0.2,
      seed: 7,
      mix: { "429": 1, "500": 1, "503": 1, "reset-before-headers": 1, "reset-mid-body": 1 },
    });
    servers.push(server);
    // The parents are the first four records (two pages of two); each has the 300 records as children.
    const parents = resource(server.url, "/items", offsetPaginator({ limit: 2, maximum_offset: PARENTS }), {});
    const parent: ParentLink = { name: "parents", records: () => parents.records(), concurrency: 3, includeFromParent: ["id"] };
    const children = resource(server.url, "/parents/{resources.parents.id}/items", offsetPaginator({ limit: 50 }), { pageConcurrency: 2 }, { parent });
    const seen: [number | undefined, number][] = [];
    for await (const record of children.records()) seen.push([record._parents_id, record.id]);
    expect(seen).toEqual(range(PARENTS).flatMap((id) => range(300).map((child) => [id, child])));
    // Each good page was served once: 2 parent pages and 6 pages per parent.
    expect(server.pagesServed).toBe(2 + PARENTS * 6);
    expect(Object.values(server.faults).reduce((sum, count) => sum + (count ?? 0), 0)).toBeGreaterThan(0);
  });

  function slowChildren(server: PagedServer, paging: Paging, client: Partial<HttpClientOptions> = {}) {
    const parents = resource(server.url, "/offset?limit=10", offsetPaginator({ limit: 10 }), {});
    const parent: ParentLink = { name: "parents", records: () => parents.records(), concurrency: 3 };
    return resource(server.url, "/parents/{resources.parents.id}/offset", offsetPaginator({ limit: 10 }), paging, { parent, client });
  }

  it("an abort mid-run cancels every parent's requests: none is left open on the server", async () => {
    // The parents' page and the first page of parent 0's children are quick; every other child page takes 1.5 s.
    const quick = (request: { parent: string | undefined; offset: number }) => request.parent === undefined || (request.parent === "0" && request.offset === 0);
    const server = await paged({ records: (index) => (index === 0 ? PARENTS : 100), latencyMs: (request) => (quick(request) ? 0 : 1500) });
    const controller = new AbortController();
    const iterator = slowChildren(server, { pageConcurrency: 2 }, { signal: controller.signal }).records();
    await iterator.next();
    // Parent 0's next two pages, and the first pages of parents 1 and 2, are in flight: then the abort.
    await until(() => server.open === 4);
    controller.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
    await until(() => server.open === 0);
    const slow = server.log.filter((request) => !quick(request));
    expect(new Set(slow.map((request) => request.parent))).toEqual(new Set(["0", "1", "2"]));
    // Each was dropped by the client long before its answer; no parent's chain kept one open.
    expect(slow.every((request) => request.dropped && request.answeredAt === undefined)).toBe(true);
  });

  it("a 429 on one parent's chain holds back the other parents' chains for its Retry-After", async () => {
    let refused = false;
    const server = await paged({
      records: (index) => (index === 0 ? PARENTS : 60),
      // Slow enough that, without the hold, the other parents' pages would come during the wait.
      latencyMs: 60,
      // The first request for the children of parent 1 is refused.
      fail: (request) => (request.parent === "1" && !refused ? ((refused = true), { status: 429, headers: { "retry-after": "1" } }) : undefined),
    });
    const ids: number[] = [];
    for await (const record of slowChildren(server, { pageConcurrency: 2 }, { retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2000 } }).records()) ids.push(record.id);
    expect(ids).toEqual(range(PARENTS).flatMap(() => range(60)));
    const refusedAt = server.log.find((request) => request.status === 429)!.answeredAt!;
    // A request sent while the refusal was on its way may arrive after it (later on a loaded machine);
    // nothing may come during the rest of the wait.
    const duringHold = server.log.filter((request) => request.arrivedAt > refusedAt + 200 && request.arrivedAt < refusedAt + 950);
    expect(duringHold).toEqual([]);
    // The other parents' chains were held too: their pages came after the wait.
    expect(server.log.some((request) => request.arrivedAt >= refusedAt + 950 && request.parent !== "1" && request.parent !== undefined)).toBe(true);
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for the server");
    await pause(5);
  }
}
