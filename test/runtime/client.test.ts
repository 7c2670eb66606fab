import { afterEach, describe, expect, it } from "vitest";
import { apiKeyAuth } from "../../templates/runtime/auth/api-key.js";
import { createHttpClient } from "../../templates/runtime/client.js";
import { AbortError, HttpStatusError, NetworkError, TimeoutError } from "../../templates/runtime/errors.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import type { RequestSpec } from "../../templates/runtime/request.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

const SECRET = "canary-s3cret/+=";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(options: { maxRetries?: number; timeoutMs?: number; signal?: AbortSignal } = {}) {
  return createHttpClient({
    auth: apiKeyAuth({ name: "api_key", api_key: SECRET, location: "query" }),
    redact: createRedactor([SECRET]),
    retry: { maxRetries: options.maxRetries ?? 3, initialDelayMs: 1, backoffFactor: 2 },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

const get = (url: string): RequestSpec => ({ method: "GET", url, query: {}, headers: {} });

/** A server that answers the first `failures` requests with `status`, then with `{ ok: true }`. */
function failingThenOk(failures: number, status: number, headers: Record<string, string> = {}) {
  return startServer((request, response) => {
    const attempt = server!.requests.length;
    if (attempt <= failures) sendJson(response, { error: "try later", echo: request.url }, status, headers);
    else sendJson(response, { ok: true });
  });
}

describe("http client retries", () => {
  it.each([429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    server = await failingThenOk(2, status);
    const response = await client().send(get(`${server.url}/items`), "items");
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it("gives a typed HttpStatusError after exactly 4 requests (1 + 3 retries), secret redacted", async () => {
    server = await failingThenOk(100, 503);
    const error = await client().send(get(`${server.url}/items`), "items").catch((caught: unknown) => caught);
    expect(server.requests).toHaveLength(4);
    expect(error).toBeInstanceOf(HttpStatusError);
    const httpError = error as HttpStatusError;
    expect(httpError).toMatchObject({ status: 503, method: "GET", attempts: 4, resource: "items" });
    expect(httpError.url).toBe(`${server.url}/items?api_key=***`);
    expect(httpError.message).toContain("503");
    // The server echoes the URL (with the key) in its body: the excerpt must not carry it either.
    for (const text of [httpError.message, httpError.url, httpError.bodyExcerpt, httpError.stack ?? "", JSON.stringify(httpError)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
    }
    // The key did reach the server, in the query.
    expect(server.requests[0]!.query.get("api_key")).toBe(SECRET);
  });

  it("does not retry a 404", async () => {
    server = await failingThenOk(100, 404);
    await expect(client().send(get(`${server.url}/items`), "items")).rejects.toMatchObject({ status: 404, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("honours Retry-After in seconds over the exponential backoff", async () => {
    server = await failingThenOk(1, 429, { "retry-after": "1" });
    const started = Date.now();
    await client().send(get(`${server.url}/items`), "items");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    server = await failingThenOk(1, 503, { "retry-after": at.toUTCString() });
    await client().send(get(`${server.url}/items`), "items");
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 50);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a connection reset, then succeeds", async () => {
    server = await startServer((_request, response) => {
      if (server!.requests.length === 1) response.socket?.destroy();
      else sendJson(response, { ok: true });
    });
    const response = await client().send(get(`${server.url}/items`), "items");
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("gives a NetworkError when nothing listens, after every retry", async () => {
    server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const error = await client({ maxRetries: 1 }).send(get(`${url}/items`), "items").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/ECONNREFUSED/);
    expect((error as NetworkError).attempts).toBe(2);
  });

  it("times out a hung request per attempt", async () => {
    server = await startServer(() => new Promise(() => undefined));
    const error = await client({ maxRetries: 1, timeoutMs: 100 }).send(get(`${server.url}/items`), "items").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("stops waiting at once when the caller aborts", async () => {
    server = await startServer(() => new Promise(() => undefined));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(client({ signal: controller.signal }).send(get(`${server.url}/items`), "items")).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });
});
