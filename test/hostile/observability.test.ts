import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";

/**
 * The observability and per-resource options of a generated createSource. The client
 * implements them (see secrets-runtime.test.ts and timeouts-abort.test.ts); these tests
 * check that a generated connector passes them through.
 */
const KEY = "canary-observe-3Kp";
const config = {
  name: "observed",
  client: { base_url: "http://placeholder.invalid", auth: { type: "api_key", name: "api_key", api_key: { $secret: "key" }, location: "query" } },
  resources: [{ name: "items", endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: 10 } } }],
};

let connector: LooseConnector;
let cleanup: () => Promise<void>;
let server: FaultServer;

beforeAll(async () => {
  ({ module: connector, cleanup } = await generateConnector("observed", config));
  server = await startFaultServer({ records: 20, faultRate: 0, decide: (_request, index) => (index === 0 ? "503" : undefined) });
});
afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

describe("createSource passes observability options to its clients", () => {
  it("logger, onRequest and onResponse see every attempt, redacted", async () => {
    const lines: string[] = [];
    const urls: string[] = [];
    const source = connector.createSource({
      baseUrl: server.url,
      secrets: { key: KEY },
      retry: { initialDelayMs: 1 },
      logger: { debug: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) },
      onRequest: (event: { url: string }) => urls.push(event.url),
      onResponse: (event: { url: string }) => urls.push(event.url),
    });
    for await (const _record of source.resources["items"]!.records());
    expect(urls).toHaveLength(6); // 3 attempts (one 503, two pages), each seen before and after
    expect(lines.some((line) => line.includes("503") && line.includes("retrying"))).toBe(true);
    for (const text of [...lines, ...urls]) expect(text).not.toContain(KEY);
    expect(urls[0]).toContain("api_key=***");
  });
});

describe("createSource takes a per-resource timeout", () => {
  it("resources.<name>.timeoutMs overrides timeoutMs for that resource", async () => {
    const hung = await startFaultServer({ records: 10, faultRate: 1, mix: { hang: 1 } });
    try {
      const source = connector.createSource({
        baseUrl: hung.url,
        secrets: { key: KEY },
        timeoutMs: 60_000,
        retry: { maxRetries: 0 },
        resources: { items: { timeoutMs: 200 } },
      });
      const started = Date.now();
      const error = await source.resources["items"]!.records().next().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 200 });
      expect(Date.now() - started).toBeLessThan(1200);
    } finally {
      await hung.close();
    }
  });
});
