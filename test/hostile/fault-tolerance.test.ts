import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";

/**
 * The issue-5 acceptance run: 100,000 records through a generated connector against
 * a server that faults 20% of requests (error statuses, resets before and mid-body,
 * slow and hung answers). Every record must arrive exactly once, in order.
 * Large but fast: 100 pages of 1000 records, retry waits of ~1 ms, a few seconds in all.
 */
const RECORDS = 100_000;
const PAGE = 1000;

const config = {
  name: "hostile_offset",
  client: { base_url: "http://placeholder.invalid" },
  resources: [
    { name: "items", endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: PAGE } } },
  ],
};

let connector: LooseConnector;
let cleanup: () => Promise<void>;
let server: FaultServer | undefined;

beforeAll(async () => {
  ({ module: connector, cleanup } = await generateConnector("hostile-offset", config));
});
afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

describe("100,000 records at 20% faults (the large acceptance test)", () => {
  it("delivers every record exactly once, in order, through resets, 5xx, 429 and hung requests", async () => {
    server = await startFaultServer({
      records: RECORDS,
      faultRate: 0.2,
      seed: 5,
      // Every status fault, both kinds of reset, slow answers, and the odd hung one.
      mix: { "429": 1, "500": 1, "502": 1, "503": 1, "504": 1, "reset-before-headers": 1, "reset-mid-body": 2, slow: 1, hang: 0.3 },
      // A Retry-After far above maxDelayMs: the cap must win or this test takes minutes.
      retryAfter: "30",
      // Hung answers are rare in the draw, so one of each is forced: headers that never come, a body that stops.
      decide: (_request, index) => (index === 10 ? "hang" : index === 20 ? "stall-mid-body" : undefined),
    });
    const source = connector.createSource({
      baseUrl: server.url,
      // Enough retries that 20% faults never exhaust them (0.2^11 per page); waits capped at 5 ms.
      retry: { maxRetries: 10, initialDelayMs: 1, backoffFactor: 2, maxDelayMs: 5 },
      timeoutMs: 400,
    });
    const started = Date.now();
    let expected = 0;
    let outOfOrder = 0;
    for await (const record of source.resources["items"]!.records()) {
      if ((record as { id: number }).id !== expected) outOfOrder++;
      expected++;
    }
    expect(outOfOrder).toBe(0);
    expect(expected).toBe(RECORDS);
    // The total stops paging after the 100th page: no page is fetched twice or skipped.
    expect(server.pagesServed).toBe(RECORDS / PAGE);
    // The faults did happen: this run is not accidentally a clean one.
    expect(server.faults["reset-mid-body"]).toBeGreaterThan(0);
    expect(server.faults["reset-before-headers"]).toBeGreaterThan(0);
    expect(server.faults["429"]).toBeGreaterThan(0);
    expect(server.faults.hang).toBeGreaterThan(0);
    expect(server.faults["stall-mid-body"]).toBe(1);
    expect(server.requests.length).toBeGreaterThan(RECORDS / PAGE * 1.15);
    // Pagination advanced only after a page succeeded: offsets never go back, and a failed page is asked for again, not skipped.
    const offsets = server.requests.map((request) => Number(request.query.get("offset")));
    expect(offsets.every((offset, i) => i === 0 || offset === offsets[i - 1] || offset === offsets[i - 1]! + PAGE)).toBe(true);
    expect(new Set(offsets).size).toBe(RECORDS / PAGE);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
