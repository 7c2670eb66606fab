import { afterEach, describe, expect, it } from "vitest";
import { createSource } from "../generated/seed/index.js";
import { startPagedServer, type PagedServer } from "./support/paged-server.js";

/** `createSource({ pageConcurrency, prefetch })` and their per-resource overrides, through a committed generated connector. */
let server: PagedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = "page-options-key";

async function readAll(options: Parameters<typeof createSource>[0]): Promise<number[]> {
  const ids: number[] = [];
  for await (const record of createSource({ baseUrl: server!.url, secrets: { api_key: KEY }, ...options }).resources.resource_name.records()) {
    ids.push(record.id);
  }
  return ids;
}

describe("paging options of a generated connector", () => {
  it("pageConcurrency for the source, and a resource's own setting over it", async () => {
    server = await startPagedServer({ records: 1000, latencyMs: 20 });
    const expected = Array.from({ length: 1000 }, (_, index) => index);
    expect(await readAll({ pageConcurrency: 4 })).toEqual(expected);
    expect(server.maxOpen).toBeGreaterThan(1);
    expect(server.maxOpen).toBeLessThanOrEqual(4);
    await server.close();

    server = await startPagedServer({ records: 1000, latencyMs: 5 });
    expect(await readAll({ pageConcurrency: 4, resources: { resource_name: { pageConcurrency: 1 } } })).toEqual(expected);
    expect(server.maxOpen).toBe(1);
  });

  it("prefetch: 0 for the source or the resource turns look-ahead off; by default one page is requested ahead", async () => {
    const requestsWhileHoldingPageOne = async (options: Parameters<typeof createSource>[0]) => {
      server = await startPagedServer({ records: 1000, latencyMs: 1 });
      const pages = createSource({ baseUrl: server.url, secrets: { api_key: KEY }, ...options }).resources.resource_name.pages();
      await pages.next();
      // Long enough for a look-ahead request to arrive on a loaded machine; none must come without it.
      for (let waited = 0; waited < 1000 && server.log.length < 2; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 30));
      const count = server.log.length;
      await pages.return(undefined);
      await server.close();
      return count;
    };
    expect(await requestsWhileHoldingPageOne({})).toBe(2);
    expect(await requestsWhileHoldingPageOne({ prefetch: 0 })).toBe(1);
    expect(await requestsWhileHoldingPageOne({ prefetch: 1, resources: { resource_name: { prefetch: 0 } } })).toBe(1);
    server = undefined;
  });
});
