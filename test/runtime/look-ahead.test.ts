import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../templates/runtime/client.js";
import { cursorPaginator } from "../../templates/runtime/paginators/cursor.js";
import { offsetPaginator } from "../../templates/runtime/paginators/offset.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { createResource, type ParentLink } from "../../templates/runtime/resource.js";
import { startFaultServer } from "../support/fault-server.js";
import { startPagedServer, type PagedServer } from "../support/paged-server.js";

/**
 * Look-ahead (the next page requested while the consumer works on the current one),
 * and the same rules for the children of a parallelized resource, against a real server.
 */
type Item = { id: number; parent?: string };
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function paged(options: Parameters<typeof startPagedServer>[0]): Promise<PagedServer> {
  const server = await startPagedServer(options);
  servers.push(server);
  return server;
}

const client = () => createHttpClient({ redact: createRedactor([]), retry: { maxRetries: 12, initialDelayMs: 1, maxDelayMs: 2 } });

function resource(baseUrl: string, path: string, paginator: PaginatorFactory, paging: { pageConcurrency?: number; prefetch?: number }, parent?: ParentLink) {
  return createResource<Item, object>(
    client(),
    { name: parent ? "children" : "items", baseUrl, path, method: "GET", params: {}, headers: {}, dataSelector: "data", paginator, parent },
    {},
    paging,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe("look-ahead", () => {
  it("requests the next cursor page while the consumer works, one page ahead at most", async () => {
    const server = await paged({ records: 50, latencyMs: 10 });
    const items = resource(server.url, "/cursor?limit=10", cursorPaginator({ cursor_path: "next" }), {});
    const seen: number[] = [];
    for await (const page of items.pages()) {
      // While this page is worked on, without being asked, the next page's request reaches the server…
      const next = Math.min(page.number + 1, 5);
      await until(() => server.log.length >= next);
      // …and nothing beyond it.
      await pause(30);
      expect(server.log.length).toBe(next);
      seen.push(...page.records.map((record) => record.id));
    }
    expect(seen).toEqual(range(50));
    expect(server.log.map((request) => request.offset)).toEqual([0, 10, 20, 30, 40]);
  });

  it("prefetch: 0 requests a page only when the consumer asks for it", async () => {
    const server = await paged({ records: 30, latencyMs: 5 });
    const items = resource(server.url, "/cursor?limit=10", cursorPaginator({ cursor_path: "next" }), { prefetch: 0 });
    const asked: number[] = [];
    for await (const page of items.pages()) {
      await pause(30);
      expect(server.log.length).toBe(page.number);
      asked.push(Date.now());
    }
    for (const [index, askedAt] of asked.slice(0, -1).entries()) expect(server.log[index + 1]!.arrivedAt).toBeGreaterThanOrEqual(askedAt);
  });

  it("stays exactly-once and in order under 20% faults, with a consumer slower than the API", async () => {
    const server = await startFaultServer({
      records: 3000,
      faultRate: 0.2,
      seed: 11,
      mix: { "429": 1, "500": 1, "503": 1, "reset-before-headers": 1, "reset-mid-body": 1 },
    });
    servers.push(server);
    // No total: no concurrent pages, only look-ahead; the empty page after the data ends paging.
    const items = resource(server.url, "/items", offsetPaginator({ limit: 100, total_path: null }), { prefetch: 1 });
    const seen: number[] = [];
    for await (const page of items.pages()) {
      await pause(1);
      seen.push(...page.records.map((record) => record.id));
    }
    expect(seen).toEqual(range(3000));
    expect(server.pagesServed).toBe(31);
    expect((server.faults["reset-mid-body"] ?? 0) + (server.faults["reset-before-headers"] ?? 0)).toBeGreaterThan(0);
  });
});

describe("children of a parallelized resource", () => {
  const PARENTS = 6;
  const CHILDREN = 100;

  function children(server: PagedServer, paging: { pageConcurrency?: number; prefetch?: number }) {
    const parents = resource(server.url, "/offset?limit=10", offsetPaginator({ limit: 10 }), {});
    const parent: ParentLink = { name: "parents", records: () => parents.records(), concurrency: 3 };
    return resource(server.url, "/parents/{resources.parents.id}/offset", offsetPaginator({ limit: 10 }), paging, parent);
  }

  it("page concurrently per parent and still come out in parent and page order, each once", async () => {
    const server = await paged({ records: (index) => (index === 0 ? PARENTS : CHILDREN), latencyMs: 10 });
    const records: Item[] = [];
    for await (const record of children(server, { pageConcurrency: 2 }).records()) records.push(record);
    expect(records).toEqual(range(PARENTS).flatMap((parent) => range(CHILDREN).map((id) => ({ id, parent: String(parent) }))));
    const childRequests = server.log.filter((request) => request.parent !== undefined);
    expect(childRequests).toHaveLength(PARENTS * 10);
    expect(new Set(childRequests.map((request) => `${request.parent}/${request.offset}`)).size).toBe(PARENTS * 10);
    // Three parents at once, two pages each.
    expect(server.maxOpen).toBeLessThanOrEqual(6);
  });

  it("a parent's chain ahead of its turn holds a page or so, not all of its pages", async () => {
    const server = await paged({ records: (index) => (index === 0 ? PARENTS : CHILDREN), latencyMs: 5 });
    const iterator = children(server, { pageConcurrency: 2 }).records();
    await iterator.next();
    await pause(300);
    const requestsOf = (parent: string) => server.log.filter((request) => request.parent === parent).length;
    // One page handed to the lane's buffer, two in the chain's window: 3 of the 10 pages.
    expect(requestsOf("1")).toBeLessThanOrEqual(3);
    expect(requestsOf("2")).toBeLessThanOrEqual(3);
    expect(requestsOf("3")).toBe(0);
    await iterator.return(undefined);
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for the server");
    await pause(5);
  }
}
