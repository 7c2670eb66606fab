import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyAuth } from "../../templates/runtime/auth/api-key.js";
import type { Auth } from "../../templates/runtime/auth/auth.js";
import { bearerAuth } from "../../templates/runtime/auth/bearer.js";
import { httpBasicAuth } from "../../templates/runtime/auth/http-basic.js";
import { oauth2ClientCredentialsAuth } from "../../templates/runtime/auth/oauth2-client-credentials.js";
import type { RequestEvent, ResponseEvent } from "../../templates/runtime/client.js";
import { ConnectorError } from "../../templates/runtime/errors.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { errorTexts, hostileResource, leakForms } from "../support/hostile-resource.js";

/**
 * Canary secrets through every auth type and every error path: the server echoes the whole
 * request (URL, headers, body) back in every answer, so any secret that is not redacted
 * shows up in an error, a log line, a hook event or a page URL.
 */
const KEY = "canary-key-7Hq/+=";
const TOKEN = "canary-token-Zk81";
const USER = "canary-user";
const PASSWORD = "canary-pass:wörd/+=";
const CLIENT_ID = "canary-client-id-4tY";
const CLIENT_SECRET = "canary-client-secret-9Pw+/";
const ACCESS_TOKEN = "canary-access-token-Vb6";

let server: TestServer;
let tokenFails = false;

beforeAll(async () => {
  server = await startServer((request, response) => {
    const echo = JSON.stringify({ url: request.url, headers: request.headers, body: request.body });
    if (request.url.startsWith("/token")) {
      if (tokenFails) {
        response.writeHead(400, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "invalid_client", error_description: echo }));
      } else {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ access_token: ACCESS_TOKEN, expires_in: 3600 }));
      }
      return;
    }
    const scenario = request.url.split("?")[0]!.split("/").pop();
    const send = (status: number, body: string, type = "application/json") => {
      // The echo also goes back as a header, where a logger or hook would see it.
      response.writeHead(status, { "content-type": type, "x-echo": encodeURIComponent(echo).slice(0, 4000) });
      response.end(body);
    };
    switch (scenario) {
      case "ok":
        return send(200, JSON.stringify({ data: [{ id: 1, echo }], total: 1 }));
      case "unauthorized":
        return send(401, echo);
      case "unavailable":
        return send(503, echo);
      case "html":
        return send(200, `<html>${echo}</html>`, "text/html");
      case "reset":
        response.socket?.destroy();
        return;
      case "hang":
        return new Promise(() => undefined);
    }
  });
});
afterAll(() => server.close());

interface AuthCase {
  auth: () => Auth;
  /** What the generated connector would register as secrets: the configured values. */
  secrets: string[];
  /** Every value that must never show: the secrets and what the auth derives from them. */
  canaries: string[];
}

const AUTHS: Record<string, AuthCase> = {
  "api_key in the query": { auth: () => apiKeyAuth({ name: "api_key", api_key: KEY, location: "query" }), secrets: [KEY], canaries: [KEY] },
  "api_key in a header": { auth: () => apiKeyAuth({ name: "X-Api-Key", api_key: KEY }), secrets: [KEY], canaries: [KEY] },
  "api_key in a cookie": { auth: () => apiKeyAuth({ name: "session", api_key: KEY, location: "cookie" }), secrets: [KEY], canaries: [KEY] },
  bearer: { auth: () => bearerAuth({ token: TOKEN }), secrets: [TOKEN], canaries: [TOKEN] },
  http_basic: {
    auth: () => httpBasicAuth({ username: USER, password: PASSWORD }),
    secrets: [USER, PASSWORD],
    canaries: [USER, PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString("base64")],
  },
  oauth2_client_credentials: {
    auth: () => oauth2ClientCredentialsAuth({ access_token_url: `${server.url}/token`, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    secrets: [CLIENT_ID, CLIENT_SECRET],
    canaries: [CLIENT_ID, CLIENT_SECRET, ACCESS_TOKEN],
  },
};

const SCENARIOS = ["ok", "unauthorized", "unavailable", "html", "reset", "hang"] as const;

/** Runs `scenario` with `auth`, and returns every text that left the connector: errors, log lines, hook events, page URLs. */
async function run(authCase: AuthCase, scenario: string): Promise<{ texts: string[]; error: unknown }> {
  const texts: string[] = [];
  const events: (RequestEvent | ResponseEvent)[] = [];
  const resource = hostileResource(server.url, {
    client: {
      auth: authCase.auth(),
      redact: createRedactor(authCase.secrets),
      timeoutMs: 200,
      retry: { maxRetries: 1, initialDelayMs: 1 },
      logger: { debug: (line) => texts.push(line), warn: (line) => texts.push(line) },
      onRequest: (event) => events.push(event),
      onResponse: (event) => events.push(event),
    },
    definition: { path: `/items/${scenario}` },
  });
  let error: unknown;
  try {
    for await (const page of resource.pages()) texts.push(page.url);
  } catch (caught) {
    error = caught;
    texts.push(errorTexts(caught));
  }
  texts.push(JSON.stringify(events));
  return { texts, error };
}

function leaks(texts: readonly string[], canaries: readonly string[]): string[] {
  const forms = canaries.flatMap(leakForms);
  return texts.filter((text) => forms.some((form) => text.includes(form)));
}

describe("no secret in any error, log line, hook event or page URL", () => {
  for (const [name, authCase] of Object.entries(AUTHS)) {
    it.each(SCENARIOS)(`${name}: %s`, async (scenario) => {
      const { texts, error } = await run(authCase, scenario);
      if (scenario === "ok") expect(error).toBeUndefined();
      else expect(error).toBeInstanceOf(ConnectorError);
      expect(texts.length).toBeGreaterThan(1);
      expect(leaks(texts, authCase.canaries)).toEqual([]);
    });
  }

  it("oauth2: a token endpoint that echoes the form (client id and secret) in its error", async () => {
    tokenFails = true;
    try {
      const { texts, error } = await run(AUTHS["oauth2_client_credentials"]!, "ok");
      expect(error).toMatchObject({ name: "AuthError", status: 400, oauthError: "invalid_client" });
      expect(leaks(texts, [CLIENT_ID, CLIENT_SECRET])).toEqual([]);
    } finally {
      tokenFails = false;
    }
  });

  it("hooks see redacted URLs and headers, with credential headers hidden whole", async () => {
    const events: RequestEvent[] = [];
    const resource = hostileResource(server.url, {
      client: { auth: AUTHS["http_basic"]!.auth(), redact: createRedactor([USER, PASSWORD]), onRequest: (event) => events.push(event) },
      definition: { path: "/items/ok", headers: { "X-Trace": "t-1" }, params: { q: PASSWORD } },
    });
    for await (const _page of resource.pages());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ resource: "items", method: "GET", attempt: 1, headers: { Authorization: "***", "X-Trace": "t-1" } });
    expect(events[0]!.url).toBe(`${server.url}/items/ok?q=***&offset=0&limit=10`);
  });
});
