import { afterEach, describe, expect, it } from "vitest";
import { bearerAuth } from "../../../templates/runtime/auth/bearer.js";
import { createHttpClient } from "../../../templates/runtime/client.js";
import { createRedactor } from "../../../templates/runtime/redact.js";
import type { RequestSpec } from "../../../templates/runtime/request.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { placesOf } from "./credential-places.js";

const TOKEN = "canary-bearer-token/+=9";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (url: string, headers: Record<string, string> = {}): RequestSpec => ({
  method: "GET",
  url,
  query: { page: 1 },
  headers,
});

describe("bearer auth", () => {
  it("sends Authorization: Bearer <token> and the token nowhere else", async () => {
    server = await startServer((_request, response) => sendJson(response, []));
    const client = createHttpClient({ auth: bearerAuth({ token: TOKEN }), redact: createRedactor([TOKEN]) });
    await client.send({ ...get(`${server.url}/items`), method: "POST", json: { q: "x" } }, "items");
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(placesOf(request!, TOKEN)).toEqual(["header:authorization"]);
    expect(request?.query.toString()).toBe("page=1");
    expect(JSON.parse(request!.body)).toEqual({ q: "x" });
  });

  it("is sent on every attempt, retries included", async () => {
    server = await startServer((_request, response) =>
      server!.requests.length === 1 ? sendJson(response, {}, 503) : sendJson(response, []),
    );
    const client = createHttpClient({
      auth: bearerAuth({ token: TOKEN }),
      redact: createRedactor([TOKEN]),
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    await client.send(get(`${server.url}/items`), "items");
    expect(server.requests.map((request) => placesOf(request, TOKEN))).toEqual([
      ["header:authorization"],
      ["header:authorization"],
    ]);
  });

  it("replaces a configured Authorization header of any case instead of adding to it", async () => {
    const request = get("http://127.0.0.1/items", { authorization: "Token old", Accept: "application/json" });
    await bearerAuth({ token: TOKEN }).apply(request);
    expect(request.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, Accept: "application/json" });
    expect(request.query).toEqual({ page: 1 });
  });
});
