import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../templates/runtime/client.js";
import { AbortError, NetworkError, TimeoutError } from "../../templates/runtime/errors.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { errorTexts, findLeak, hostileResource } from "../support/hostile-resource.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose page at `offset` (and only that one) gets `kind`; every other request is answered well. */
function faultAtOffset(offset: number, kind: "hang" | "stall-mid-body" | "reset-mid-body") {
  return startFaultServer({ records: 50, faultRate: 0, decide: (request) => (request.query.get("offset") === String(offset) ? kind : undefined) });
}

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("timeouts", () => {
  it("a hung server ends in a TimeoutError within the configured time (+1 s)", async () => {
    server = await faultAtOffset(0, "hang");
    const started = Date.now();
    const error = await caught(hostileResource(server.url, { client: { timeoutMs: 300, retry: { maxRetries: 0 } } }).records().next());
    expect(Date.now() - started).toBeLessThan(300 + 1000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, attempts: 1, resource: "items", method: "GET" });
    expect((error as TimeoutError).url).toMatch(/\/items\?offset=0&limit=10&api_key=\*\*\*$/);
    expect(findLeak(errorTexts(error))).toBeUndefined();
  });

  it("retries a timeout like a 5xx, every attempt bounded: (retries + 1) × timeout + waits, +1 s", async () => {
    server = await faultAtOffset(0, "hang");
    const started = Date.now();
    const error = await caught(
      hostileResource(server.url, { client: { timeoutMs: 200, retry: { maxRetries: 2, initialDelayMs: 1 } } }).records().next(),
    );
    expect(Date.now() - started).toBeLessThan(3 * 200 + 3 + 1000);
    expect(error).toMatchObject({ name: "TimeoutError", attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("times out a body that stops half-way (headers came, the rest never does)", async () => {
    server = await faultAtOffset(10, "stall-mid-body");
    const records: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const record of hostileResource(server!.url, { client: { timeoutMs: 250, retry: { maxRetries: 0 } } }).records()) records.push(record);
      })(),
    );
    expect(records).toHaveLength(10);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("a per-request timeout (SendOptions.timeoutMs, client.withOptions) overrides the client's", async () => {
    server = await startFaultServer({ records: 10, faultRate: 1, mix: { hang: 1 } });
    const client = createHttpClient({ redact: createRedactor([]), timeoutMs: 60_000, retry: { maxRetries: 0 } });
    const request = { method: "GET" as const, url: `${server.url}/items`, query: {}, headers: {} };
    const started = Date.now();
    expect(await caught(client.send(request, "items", { timeoutMs: 150 }))).toMatchObject({ name: "TimeoutError", timeoutMs: 150 });
    expect(await caught(client.withOptions({ timeoutMs: 150 }).send(request, "items"))).toMatchObject({ name: "TimeoutError", timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ignores a timeout that is not a positive number instead of never timing out or failing at once", async () => {
    server = await faultAtOffset(99, "hang");
    for (const timeoutMs of [0, -1, Number.NaN]) {
      const page = await hostileResource(server.url, { client: { timeoutMs } }).pages().next();
      expect(page.value?.records).toHaveLength(10);
    }
  });
});

describe("cancellation", () => {
  it("aborting while a request hangs ends iteration at once with AbortError, and nothing more is requested", async () => {
    server = await faultAtOffset(10, "hang");
    const controller = new AbortController();
    const records = hostileResource(server.url, { client: { signal: controller.signal } }).records();
    for (let i = 0; i < 10; i++) await records.next();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await caught(records.next());
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(500);
    const requests = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(requests);
    expect(requests).toBe(2);
  });

  it("aborting during a retry wait stops at once, without the retry", async () => {
    server = await startFaultServer({ records: 50, faultRate: 1, mix: { "503": 1 }, retryAfter: "30" });
    const controller = new AbortController();
    const records = hostileResource(server.url, {
      client: { signal: controller.signal, retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 60_000 } },
    }).records();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect(await caught(records.next())).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(600);
    expect(server.requests).toHaveLength(1);
  });

  it("a signal aborted before the first page sends nothing", async () => {
    server = await faultAtOffset(99, "hang");
    const records = hostileResource(server.url, { client: { signal: AbortSignal.abort() } }).records();
    expect(await caught(records.next())).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("aborting between the records of a page already in memory stops at the next record", async () => {
    server = await faultAtOffset(99, "hang");
    const controller = new AbortController();
    const records = hostileResource(server.url, { client: { signal: controller.signal } }).records();
    for (let i = 0; i < 3; i++) await records.next();
    controller.abort();
    expect(await caught(records.next())).toBeInstanceOf(AbortError);
  });
});

describe("network errors are retried like 5xx", () => {
  it("a connection reset mid-body is retried and the page arrives whole, once", async () => {
    let resets = 0;
    server = await startFaultServer({
      records: 30,
      faultRate: 0,
      decide: (request) => (request.query.get("offset") === "10" && resets++ < 2 ? "reset-mid-body" : undefined),
    });
    const ids: number[] = [];
    for await (const record of hostileResource(server.url).records()) ids.push(record.id);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, id) => id));
    expect(server.requests.map((request) => request.query.get("offset"))).toEqual(["0", "10", "10", "10", "20"]);
  });

  it("a reset on every attempt ends in a NetworkError naming the code, after every retry", async () => {
    server = await startFaultServer({ records: 30, faultRate: 1, mix: { "reset-before-headers": 1 } });
    const error = await caught(hostileResource(server.url, { client: { retry: { maxRetries: 2, initialDelayMs: 1 } } }).records().next());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, resource: "items" });
    expect((error as NetworkError).reason).toMatch(/ECONNRESET|other side closed|socket/i);
    expect(findLeak(errorTexts(error))).toBeUndefined();
  });

  it("a DNS failure is a NetworkError after every retry", async () => {
    const error = await caught(
      hostileResource("http://gen-connector-test.invalid", { client: { retry: { maxRetries: 1, initialDelayMs: 1 } } }).records().next(),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 2 });
    expect((error as NetworkError).reason).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(findLeak(errorTexts(error))).toBeUndefined();
  });
});
