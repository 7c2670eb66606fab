import { afterEach, describe, expect, it } from "vitest";
import { apiKeyAuth, type ApiKeyAuthOptions } from "../../../templates/runtime/auth/api-key.js";
import { createHttpClient } from "../../../templates/runtime/client.js";
import { createRedactor } from "../../../templates/runtime/redact.js";
import { sendJson, startServer, type TestServer, type LoggedRequest } from "../../support/http-server.js";
import { placesOf } from "./credential-places.js";

const KEY = "canary-key&=/ ü";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendWith(options: ApiKeyAuthOptions, headers: Record<string, string> = {}): Promise<LoggedRequest> {
  server = await startServer((_request, response) => sendJson(response, []));
  const client = createHttpClient({ auth: apiKeyAuth(options), redact: createRedactor([options.api_key]) });
  await client.send({ method: "GET", url: `${server.url}/items`, query: { page: 2 }, headers }, "items");
  return server.requests[0]!;
}

describe("api_key auth", () => {
  it("sends the key as is under Authorization by default, and nowhere else", async () => {
    const request = await sendWith({ api_key: "canary-key" });
    expect(request.headers.authorization).toBe("canary-key");
    expect(placesOf(request, "canary-key")).toEqual(["header:authorization"]);
    expect(request.query.toString()).toBe("page=2");
  });

  it("uses the configured header name", async () => {
    const request = await sendWith({ api_key: "canary-key", name: "X-API-Key", location: "header" });
    expect(request.headers["x-api-key"]).toBe("canary-key");
    expect(placesOf(request, "canary-key")).toEqual(["header:x-api-key"]);
    expect(request.headers.authorization).toBeUndefined();
  });

  it.each(["query", "param"] as const)("location %s puts the key in the query string, next to the others", async (location) => {
    const request = await sendWith({ api_key: KEY, name: "api_key", location });
    expect(request.query.get("api_key")).toBe(KEY);
    expect(request.query.get("page")).toBe("2");
    expect(placesOf(request, KEY)).toEqual(["url"]);
    expect(request.headers.authorization).toBeUndefined();
  });

  it("location cookie appends to an existing Cookie header", async () => {
    const request = await sendWith({ api_key: KEY, name: "session key", location: "cookie" }, { Cookie: "theme=dark" });
    expect(request.headers.cookie).toBe(`theme=dark; session%20key=${encodeURIComponent(KEY)}`);
    expect(placesOf(request, KEY)).toEqual(["header:cookie"]);
    expect(request.query.toString()).toBe("page=2");
  });

  it("location cookie sets the Cookie header when there is none", async () => {
    const request = await sendWith({ api_key: "canary-key", name: "sid", location: "cookie" });
    expect(request.headers.cookie).toBe("sid=canary-key");
    expect(placesOf(request, "canary-key")).toEqual(["header:cookie"]);
  });
});
