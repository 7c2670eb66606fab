import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../templates/runtime/client.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { DEFAULT_RETRY, retryDelay, retryPolicy } from "../../templates/runtime/retry.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that sends `kind` with `retryAfter` on its first request and answers well after that. */
const onceThenOk = (kind: "429" | "503", retryAfter: string) =>
  startFaultServer({ records: 5, faultRate: 0, retryAfter, decide: (_request, index) => (index === 0 ? kind : undefined) });

const send = (url: string, retry: Parameters<typeof createHttpClient>[0]["retry"]) =>
  createHttpClient({ redact: createRedactor([]), retry }).send({ method: "GET", url: `${url}/items`, query: {}, headers: {} }, "items");

describe("Retry-After, capped by maxDelayMs", () => {
  it("a Retry-After in seconds far above maxDelayMs waits maxDelayMs", async () => {
    server = await onceThenOk("429", "120");
    const started = Date.now();
    await send(server.url, { maxDelayMs: 200 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("a Retry-After HTTP-date far in the future waits maxDelayMs", async () => {
    server = await onceThenOk("503", new Date(Date.now() + 3_600_000).toUTCString());
    const started = Date.now();
    await send(server.url, { maxDelayMs: 200 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("a Retry-After in the past or unreadable falls back to no wait / the backoff", async () => {
    server = await onceThenOk("503", new Date(Date.now() - 60_000).toUTCString());
    const started = Date.now();
    await send(server.url, { initialDelayMs: 5_000, maxDelayMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    await server.close();
    server = await onceThenOk("429", "soon, perhaps");
    const again = Date.now();
    await send(server.url, { initialDelayMs: 50 });
    expect(Date.now() - again).toBeGreaterThanOrEqual(45);
  });
});

describe("jitter", () => {
  const policy = { ...DEFAULT_RETRY, initialDelayMs: 100, jitter: 0.5 };
  it("lengthens each wait by up to `jitter` of itself, never shortens it, and is off by default", () => {
    expect(retryDelay(1, policy, undefined, () => 0)).toBe(100);
    expect(retryDelay(1, policy, undefined, () => 0.999)).toBeCloseTo(149.95);
    expect(retryDelay(2, policy, undefined, () => 0.5)).toBe(250);
    expect(retryDelay(1, policy, 1000, () => 1)).toBe(1500);
    expect(retryDelay(1, { ...DEFAULT_RETRY, initialDelayMs: 100 }, undefined, () => 0.9)).toBe(100);
  });

  it("stays under maxDelayMs", () => {
    expect(retryDelay(1, { ...policy, maxDelayMs: 120 }, undefined, () => 0.9)).toBe(120);
  });

  it("spreads the waits of a real client", async () => {
    server = await startFaultServer({ records: 5, faultRate: 0, decide: (_request, index) => (index % 2 === 0 ? "503" : undefined) });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      await send(server.url, { initialDelayMs: 20, jitter: 1 });
      waits.push(Date.now() - started);
    }
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(19);
  });
});

describe("retryPolicy", () => {
  it("keeps the default for an option that is undefined, negative or NaN, so nothing retries forever", () => {
    const loose = { maxRetries: undefined, initialDelayMs: -5, backoffFactor: Number.NaN, maxDelayMs: 10 } as unknown as Parameters<typeof retryPolicy>[0];
    expect(retryPolicy(loose)).toEqual({ ...DEFAULT_RETRY, maxDelayMs: 10 });
  });
});
