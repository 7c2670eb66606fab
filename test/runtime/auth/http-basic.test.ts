import { afterEach, describe, expect, it } from "vitest";
import { httpBasicAuth } from "../../../templates/runtime/auth/http-basic.js";
import { createHttpClient } from "../../../templates/runtime/client.js";
import { createRedactor } from "../../../templates/runtime/redact.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { placesOf } from "./credential-places.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the server decodes from the Basic credentials, as RFC 7617 says to split them. */
function decodeBasic(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match) return undefined;
  const text = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = text.indexOf(":");
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

async function sendWith(username: string, password: string) {
  server = await startServer((_request, response) => sendJson(response, []));
  const client = createHttpClient({ auth: httpBasicAuth({ username, password }), redact: createRedactor([password]) });
  await client.send({ method: "GET", url: `${server.url}/items`, query: { q: "a" }, headers: {} }, "items");
  return server.requests[0]!;
}

describe("http_basic auth", () => {
  it("sends Authorization: Basic base64(username:password) and the credentials nowhere else", async () => {
    const request = await sendWith("canary-user", "canary-password");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("canary-user:canary-password").toString("base64")}`);
    expect(decodeBasic(request.headers.authorization)).toEqual({ username: "canary-user", password: "canary-password" });
    // Only the encoded pair is on the wire: neither part in clear, and the pair only in its header.
    expect(placesOf(request, "canary-user")).toEqual([]);
    expect(placesOf(request, "canary-password")).toEqual([]);
    expect(placesOf(request, Buffer.from("canary-user:canary-password").toString("base64"))).toEqual([
      "header:authorization",
    ]);
    expect(request.query.toString()).toBe("q=a");
  });

  it("encodes non-ASCII credentials as UTF-8, and keeps colons in the password", async () => {
    const request = await sendWith("Zoë", "pä:ss wörd ✓");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("Zoë:pä:ss wörd ✓", "utf8").toString("base64")}`);
    expect(decodeBasic(request.headers.authorization)).toEqual({ username: "Zoë", password: "pä:ss wörd ✓" });
  });

  it("replaces a configured Authorization header of any case", async () => {
    const request = { method: "GET" as const, url: "http://127.0.0.1/", query: {}, headers: { AUTHORIZATION: "x" } };
    await httpBasicAuth({ username: "u", password: "p" }).apply(request);
    expect(request.headers).toEqual({ Authorization: `Basic ${btoa("u:p")}` });
  });
});
