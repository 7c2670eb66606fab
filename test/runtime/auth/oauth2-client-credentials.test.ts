import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { oauth2ClientCredentialsAuth, type OAuth2ClientCredentialsAuthOptions } from "../../../templates/runtime/auth/oauth2-client-credentials.js";
import { createHttpClient, type HttpClient } from "../../../templates/runtime/client.js";
import { AbortError, AuthError } from "../../../templates/runtime/errors.js";
import { createRedactor } from "../../../templates/runtime/redact.js";
import type { RequestSpec } from "../../../templates/runtime/request.js";
import { sendJson, startServer, type LoggedRequest, type TestServer } from "../../support/http-server.js";
import { placesOf } from "./credential-places.js";

// Canary values: any of them in an error message or in the wrong part of a request fails a test.
const CLIENT_ID = "canary-client-id";
const CLIENT_SECRET = "canary-client-secret+/=";
const TOKEN_CANARY = "canary-access-token";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type TokenHandler = (call: number, request: LoggedRequest, response: ServerResponse) => void | Promise<void>;

/** An API at `/items` that echoes the Authorization it got, and a token endpoint at `/token`. */
async function oauthApi(token: TokenHandler): Promise<TestServer> {
  let calls = 0;
  server = await startServer((request, response) => {
    if (request.url.startsWith("/token")) return token(++calls, request, response);
    sendJson(response, [{ authorization: request.headers.authorization ?? null }]);
  });
  return server;
}

/** Hands out `tok-1`, `tok-2`, … after `delayMs`, each living `expiresIn` (left out when undefined). */
const issueTokens =
  (expiresIn?: number | string, delayMs = 0): TokenHandler =>
  async (call, _request, response) => {
    if (delayMs > 0) await sleep(delayMs);
    sendJson(response, { access_token: `tok-${call}`, token_type: "Bearer", ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });
  };

const tokenRequests = () => server!.requests.filter((request) => request.url.startsWith("/token"));
const apiRequests = () => server!.requests.filter((request) => !request.url.startsWith("/token"));

function auth(overrides: Partial<OAuth2ClientCredentialsAuthOptions> = {}) {
  return oauth2ClientCredentialsAuth({
    access_token_url: `${server!.url}/token`,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    ...overrides,
  });
}

function clientWith(options: Partial<OAuth2ClientCredentialsAuthOptions> = {}): HttpClient {
  return createHttpClient({
    auth: auth(options),
    redact: createRedactor([CLIENT_ID, CLIENT_SECRET]),
    retry: { maxRetries: 0 },
  });
}

const items = (): RequestSpec => ({ method: "GET", url: `${server!.url}/items`, query: { page: 1 }, headers: {} });

const authorizations = () => apiRequests().map((request) => request.headers.authorization);

describe("oauth2_client_credentials auth", () => {
  it("fetches the token once for many requests, and sends it only as a Bearer header", async () => {
    await oauthApi(issueTokens(3600));
    const client = clientWith();
    for (let page = 0; page < 5; page++) await client.send(items(), "items");
    expect(tokenRequests()).toHaveLength(1);
    expect(authorizations()).toEqual(Array(5).fill("Bearer tok-1"));
    for (const request of apiRequests()) {
      expect(placesOf(request, "tok-1")).toEqual(["header:authorization"]);
      expect(placesOf(request, CLIENT_ID)).toEqual([]);
      expect(placesOf(request, CLIENT_SECRET)).toEqual([]);
      expect(request.query.toString()).toBe("page=1");
    }
  });

  it("resolves a relative access_token_url against the API's URL, so it moves with the base URL", async () => {
    await oauthApi(issueTokens(3600));
    const client = clientWith({ access_token_url: "/token" });
    await client.send(items(), "items");
    expect(tokenRequests().map((request) => request.method)).toEqual(["POST"]);
    expect(authorizations()).toEqual(["Bearer tok-1"]);
  });

  it("posts client_id, client_secret and grant_type as a form, plus access_token_request_data", async () => {
    await oauthApi(issueTokens());
    await clientWith({
      access_token_request_data: { scope: "read write", audience: "https://api.example/v1", offline: false, ttl: 60 },
    }).send(items(), "items");
    const [request] = tokenRequests();
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(request!.body)]).toEqual([
      ["client_id", CLIENT_ID],
      ["client_secret", CLIENT_SECRET],
      ["grant_type", "client_credentials"],
      ["scope", "read write"],
      ["audience", "https://api.example/v1"],
      ["offline", "false"],
      ["ttl", "60"],
    ]);
    // The credentials go in the form only: not as HTTP Basic, not in the token URL.
    expect(placesOf(request!, CLIENT_ID)).toEqual(["body"]);
    expect(placesOf(request!, CLIENT_SECRET)).toEqual(["body"]);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.url).toBe("/token");
  });

  it("lets access_token_request_data override the standard fields in place", async () => {
    await oauthApi(issueTokens());
    await clientWith({ access_token_request_data: { grant_type: "urn:custom", client_id: "other-id" } }).send(items(), "items");
    expect([...new URLSearchParams(tokenRequests()[0]!.body)]).toEqual([
      ["client_id", "other-id"],
      ["client_secret", CLIENT_SECRET],
      ["grant_type", "urn:custom"],
    ]);
  });

  it("makes exactly one token request for 10 concurrent requests with no token yet", async () => {
    await oauthApi(issueTokens(3600, 50));
    const client = clientWith();
    await Promise.all(Array.from({ length: 10 }, () => client.send(items(), "items")));
    expect(tokenRequests()).toHaveLength(1);
    expect(authorizations()).toEqual(Array(10).fill("Bearer tok-1"));
  });

  it("refreshes a nearly expired token exactly once under 10 concurrent requests", async () => {
    await oauthApi(issueTokens(1, 30));
    const client = clientWith();
    await client.send(items(), "items");
    await client.send(items(), "items");
    expect(tokenRequests()).toHaveLength(1);
    // Past 90% of the 1 s lifetime: the safety margin says refresh now, before the server would refuse it.
    await sleep(950);
    await Promise.all(Array.from({ length: 10 }, () => client.send(items(), "items")));
    expect(tokenRequests()).toHaveLength(2);
    expect(authorizations()).toEqual([...Array(2).fill("Bearer tok-1"), ...Array(10).fill("Bearer tok-2")]);
  });

  it("uses default_token_expiration only when the answer has no expires_in", async () => {
    await oauthApi(issueTokens());
    const noExpiry = clientWith({ default_token_expiration: 0 });
    for (let page = 0; page < 3; page++) await noExpiry.send(items(), "items");
    expect(tokenRequests()).toHaveLength(3);

    await server!.close();
    await oauthApi(issueTokens("3600"));
    const stringExpiry = clientWith({ default_token_expiration: 0 });
    for (let page = 0; page < 3; page++) await stringExpiry.send(items(), "items");
    expect(tokenRequests()).toHaveLength(1);

    await server!.close();
    await oauthApi(issueTokens(0));
    const zeroExpiry = clientWith();
    for (let page = 0; page < 3; page++) await zeroExpiry.send(items(), "items");
    expect(tokenRequests()).toHaveLength(3);
  });

  it("fails with an AuthError naming URL, status and OAuth2 error, but no secret", async () => {
    await oauthApi((_call, _request, response) =>
      sendJson(response, { error: "invalid_client", error_description: `Client ${CLIENT_ID} is unknown` }, 401),
    );
    const error = await clientWith()
      .send(items(), "items")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    const authError = error as AuthError;
    expect(authError.message).toBe(
      `[POST] "${server!.url}/token": oauth2_client_credentials credential request failed: 401 Unauthorized (invalid_client: Client *** is unknown)`,
    );
    expect(authError).toMatchObject({
      authType: "oauth2_client_credentials",
      url: `${server!.url}/token`,
      status: 401,
      attempts: 1,
      oauthError: "invalid_client",
    });
    const everything = inspect(authError, { depth: 10, showHidden: true });
    for (const secret of [CLIENT_ID, CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET)]) expect(everything).not.toContain(secret);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(0);
  });

  it("fails with an AuthError that does not quote the body when the answer has no access_token", async () => {
    await oauthApi((_call, _request, response) => sendJson(response, { token: TOKEN_CANARY, secret: CLIENT_SECRET }));
    const error = await clientWith()
      .send(items(), "items")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/"http:\/\/127\.0\.0\.1:\d+\/token".*200 OK without an access_token$/);
    expect((error as AuthError).status).toBe(200);
    const everything = inspect(error, { depth: 10, showHidden: true });
    for (const secret of [TOKEN_CANARY, CLIENT_ID, CLIENT_SECRET]) expect(everything).not.toContain(secret);
  });

  it("fails with an AuthError when the answer is not JSON", async () => {
    await oauthApi((_call, _request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<html>${TOKEN_CANARY}</html>`);
    });
    const error = await clientWith()
      .send(items(), "items")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/200 OK with a body that is not JSON$/);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN_CANARY);
  });

  it("does not remember a failed token request: the next request tries again", async () => {
    await oauthApi((call, request, response) =>
      call === 1 ? sendJson(response, { error: "temporarily_unavailable" }, 400) : issueTokens(3600)(call, request, response),
    );
    const client = clientWith();
    await expect(client.send(items(), "items")).rejects.toThrow(AuthError);
    await client.send(items(), "items");
    expect(tokenRequests()).toHaveLength(2);
    expect(authorizations()).toEqual(["Bearer tok-2"]);
  });

  it("retries a token request that met a transient 503", async () => {
    await oauthApi((call, request, response) =>
      call === 1 ? sendJson(response, {}, 503) : issueTokens(3600)(call, request, response),
    );
    await clientWith().send(items(), "items");
    expect(tokenRequests()).toHaveLength(2);
    expect(authorizations()).toEqual(["Bearer tok-2"]);
  });

  it("gives up with an AuthError after the retries when the token endpoint is unreachable", async () => {
    await oauthApi(issueTokens());
    const closed = await startServer(() => undefined);
    const unreachable = `${closed.url}/token`;
    await closed.close();
    const error = await createHttpClient({
      auth: auth({ access_token_url: unreachable }),
      redact: createRedactor([]),
      retry: { maxRetries: 0 },
    })
      .send(items(), "items")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe(
      `[POST] "${unreachable}": oauth2_client_credentials credential request failed: network error: ECONNREFUSED (after 3 attempts)`,
    );
    expect((error as AuthError).status).toBeUndefined();
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(CLIENT_SECRET);
  });

  it("stops waiting for a caller whose signal aborts, while the others still get the shared token", async () => {
    await oauthApi(issueTokens(3600, 300));
    const shared = auth();
    const controller = new AbortController();
    const leaving = items();
    const staying = items();
    const first = shared.apply(leaving, controller.signal);
    const second = shared.apply(staying, new AbortController().signal);
    setTimeout(() => controller.abort(), 20);
    await expect(first).rejects.toThrow(AbortError);
    expect(leaving.headers).toEqual({});
    await second;
    expect(staying.headers).toEqual({ Authorization: "Bearer tok-1" });
    expect(tokenRequests()).toHaveLength(1);
  });

  it("aborts the token request when its only caller leaves, and starts afresh for the next one", async () => {
    // Only the first token request hangs, so the test need not wait for it.
    await oauthApi((call, request, response) => issueTokens(3600, call === 1 ? 5000 : 0)(call, request, response));
    const shared = auth();
    const controller = new AbortController();
    const started = Date.now();
    const leaving = shared.apply(items(), controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(leaving).rejects.toThrow(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
    const next = items();
    await shared.apply(next);
    expect(next.headers).toEqual({ Authorization: "Bearer tok-2" });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("rejects at once when the signal has already aborted", async () => {
    await oauthApi(issueTokens());
    const controller = new AbortController();
    controller.abort();
    await expect(auth().apply(items(), controller.signal)).rejects.toThrow(AbortError);
    expect(tokenRequests()).toHaveLength(0);
  });
});
