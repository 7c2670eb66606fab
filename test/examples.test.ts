import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import * as auto from "../generated/auto/index.js";
import * as cursorBody from "../generated/cursor-body/index.js";
import * as cursor from "../generated/cursor/index.js";
import * as headerCursor from "../generated/header-cursor/index.js";
import * as headerLink from "../generated/header-link/index.js";
import * as jsonLink from "../generated/json-link/index.js";
import * as pageNumber from "../generated/page-number/index.js";
import * as singlePage from "../generated/single-page/index.js";
import * as autoApi from "../examples/auto/server.js";
import * as cursorBodyApi from "../examples/cursor-body/server.js";
import * as cursorApi from "../examples/cursor/server.js";
import * as headerCursorApi from "../examples/header-cursor/server.js";
import * as headerLinkApi from "../examples/header-link/server.js";
import * as jsonLinkApi from "../examples/json-link/server.js";
import * as pageNumberApi from "../examples/page-number/server.js";
import * as singlePageApi from "../examples/single-page/server.js";

/**
 * Every example's COMMITTED connector (generated/<name>/), run against its example API
 * (examples/<name>/server.ts): each record exactly once and in order, the exact requests
 * the paginator should make, and the credential where the auth type puts it.
 */

interface LoggedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface ExampleServer {
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

interface Example<S extends Record<string, string>> {
  name: string;
  start(): Promise<ExampleServer>;
  /** The credentials the example API accepts, under the connector's secret names. */
  secrets: S;
  /** Every record of every resource, read with the generated connector. */
  read(baseUrl: string, secrets: S): Promise<Record<string, unknown[]>>;
  /** The records the API holds for each resource, in the order it serves them. */
  expected(server: ExampleServer): Record<string, unknown[]>;
  /** Each request as `METHOD path?query`, plus its body when it has one. */
  requests(server: ExampleServer): string[];
  /** Asserts that a request to the API (not the token endpoint) carries the credential where it belongs. */
  credential(request: LoggedRequest, server: ExampleServer): void;
  /** Applies for the duration of a run, undone by the returned function; for what baseUrl cannot move. */
  route?(server: ExampleServer): () => void;
}

// A table of examples whose secret types differ: each row is checked against its own type, then widened.
type AnyExample = Example<Record<string, string>>;
const example = <S extends Record<string, string>>(spec: Example<S>) => spec as unknown as AnyExample;

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

const ids = (records: readonly { id: string | number }[]) => records.map((record) => record.id);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const line = (request: LoggedRequest) => `${request.method} ${request.url}${request.body === "" ? "" : ` ${request.body}`}`;
const cursorOf = (position: number) => Buffer.from(`pos:${position}`).toString("base64url");

/**
 * The oauth2 example's token URL is absolute in its config (dlt has no relative token URLs), and
 * createSource({ baseUrl }) moves only the API: requests to that origin are sent to the local server.
 */
function routeOrigin(from: string, to: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(from)) return original(input, init);
    const target = to + url.slice(from.length);
    return original(input instanceof Request ? new Request(target, input) : target, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}

const examples: AnyExample[] = [
  example({
    name: "page-number",
    start: pageNumberApi.start,
    secrets: pageNumberApi.secrets,
    read: async (baseUrl, secrets) => ({
      books: await collect(pageNumber.createSource({ baseUrl, secrets }).resources.books.records()),
    }),
    expected: () => ({ books: pageNumberApi.records() }),
    requests: () => [1, 2, 3].map((page) => `GET /api/v1/books?per_page=25&page=${page}`),
    credential(request) {
      expect(request.headers.authorization).toBe(basic(pageNumberApi.USERNAME, pageNumberApi.secrets.library_password));
    },
  }),
  example({
    name: "cursor",
    start: cursorApi.start,
    secrets: cursorApi.secrets,
    read: async (baseUrl, secrets) => ({
      messages: await collect(cursor.createSource({ baseUrl, secrets }).resources.messages.records()),
    }),
    expected: () => ({ messages: cursorApi.records() }),
    // The last page still carries a cursor: only has_more=false stops the paging.
    requests: () => ["", `&cursor=${cursorOf(40)}`, `&cursor=${cursorOf(80)}`].map((extra) => `GET /api/conversations.history?channel=C0GENERAL&limit=40${extra}`),
    credential(request) {
      expect(request.headers["x-api-key"]).toBe(cursorApi.secrets.chat_api_key);
      expect(request.headers["x-workspace-token"]).toBe(cursorApi.secrets.workspace_token);
      expect(request.headers.accept).toBe("application/json");
      expect(request.headers.authorization).toBeUndefined();
    },
  }),
  example({
    name: "cursor-body",
    start: cursorBodyApi.start,
    secrets: cursorBodyApi.secrets,
    read: async (baseUrl, secrets) => ({
      tasks: await collect(cursorBody.createSource({ baseUrl, secrets }).resources.tasks.records()),
    }),
    expected: () => ({ tasks: cursorBodyApi.records() }),
    requests() {
      const tasks = cursorBodyApi.records();
      const query = { page_size: 30, filter: { property: "archived", equals: false } };
      return [undefined, tasks[30]?.id, tasks[60]?.id].map(
        (start) => `POST /v1/databases/tasks/query ${JSON.stringify(start === undefined ? query : { ...query, start_cursor: start })}`,
      );
    },
    credential(request) {
      expect(request.headers.authorization).toBe(`Bearer ${cursorBodyApi.secrets.tasks_token}`);
      expect(request.headers["tasks-version"]).toBe("2025-06-01");
      expect(request.headers["content-type"]).toMatch(/^application\/json/);
    },
  }),
  example({
    name: "json-link",
    start: jsonLinkApi.start,
    secrets: jsonLinkApi.secrets,
    route: (server) => routeOrigin("https://billing.example.com", server.url),
    read: async (baseUrl, secrets) => ({
      invoices: await collect(jsonLink.createSource({ baseUrl, secrets }).resources.invoices.records()),
    }),
    expected: () => ({ invoices: jsonLinkApi.records() }),
    requests() {
      const invoices = jsonLinkApi.records();
      const token = new URLSearchParams({
        client_id: jsonLinkApi.secrets.billing_client_id,
        client_secret: jsonLinkApi.secrets.billing_client_secret,
        grant_type: "client_credentials",
        scope: "invoices:read",
      });
      // One token for the whole run; the next links are relative and carry status and limit themselves.
      return [
        `POST /oauth/token ${token.toString()}`,
        ...[undefined, invoices[14]?.id, invoices[29]?.id].map(
          (after) => `GET /v1/invoices?status=open&limit=15${after === undefined ? "" : `&starting_after=${after}`}`,
        ),
      ];
    },
    credential(request, server) {
      const tokens = (server as ExampleServer & { tokens: string[] }).tokens;
      expect(tokens).toHaveLength(1);
      expect(request.headers.authorization).toBe(`Bearer ${tokens[0]}`);
    },
  }),
  example({
    name: "header-link",
    start: headerLinkApi.start,
    secrets: headerLinkApi.secrets,
    read: async (baseUrl, secrets) => ({
      issues: await collect(headerLink.createSource({ baseUrl, secrets }).resources.issues.records()),
    }),
    expected: () => ({ issues: headerLinkApi.records() }),
    // The first request as configured; then the Link header's rel="next" URLs, verbatim.
    requests: () => ["", "&page=2", "&page=3"].map((page) => `GET /api/v3/user/issues?filter=all&state=all&per_page=30${page}`),
    credential(request) {
      expect(request.headers.authorization).toBe(`Bearer ${headerLinkApi.secrets.github_token}`);
      expect(request.headers.accept).toBe("application/vnd.github+json");
    },
  }),
  example({
    name: "header-cursor",
    start: headerCursorApi.start,
    secrets: headerCursorApi.secrets,
    read: async (baseUrl, secrets) => ({
      audit_events: await collect(headerCursor.createSource({ baseUrl, secrets }).resources.audit_events.records()),
    }),
    expected: () => ({ audit_events: headerCursorApi.records() }),
    requests: () => ["", "&after=evt_00050", "&after=evt_00100"].map((after) => `GET /api/v2/events?limit=50&order=asc${after}`),
    credential(request) {
      // api_key with the default name: the whole Authorization header, no scheme.
      expect(request.headers.authorization).toBe(headerCursorApi.secrets.audit_api_key);
    },
  }),
  example({
    name: "single-page",
    start: singlePageApi.start,
    secrets: singlePageApi.secrets,
    async read(baseUrl, secrets) {
      const { resources } = singlePage.createSource({ baseUrl, secrets });
      return { components: await collect(resources.components.records()), status: await collect(resources.status.records()) };
    },
    expected: () => ({ components: singlePageApi.records(), status: [singlePageApi.status()] }),
    // resource_defaults' params merged under each resource's own; one request per resource.
    requests: () => ["GET /api/v2/components.json?locale=en&include_groups=true", "GET /api/v2/status?locale=en"],
    credential(request) {
      expect(request.headers.authorization).toBe(`Bearer ${singlePageApi.secrets.status_token}`);
    },
  }),
  example({
    name: "auto",
    start: autoApi.start,
    secrets: autoApi.secrets,
    read: async (baseUrl, secrets) => ({
      pokemon: await collect(auto.createSource({ baseUrl, secrets }).resources.pokemon.records()),
    }),
    expected: (server) => ({ pokemon: autoApi.records(new URL(server.url).origin) }),
    // Detected from the first response: json_link on `next` (absolute URLs), records under `results`.
    requests: () => ["limit=20", "offset=20&limit=20", "offset=40&limit=20"].map((query) => `GET /api/v2/pokemon?${query}`),
    credential(request) {
      expect(request.headers.authorization).toBe(`Bearer ${autoApi.secrets.pokedex_token}`);
    },
  }),
];

/** Runs `body` against a fresh example API, with the example's routing applied. */
async function withServer<T>(spec: AnyExample, body: (server: ExampleServer) => Promise<T>): Promise<T> {
  const server = await spec.start();
  const unroute = spec.route?.(server);
  try {
    return await body(server);
  } finally {
    unroute?.();
    await server.close();
  }
}

describe("examples/<name>: the committed connector against its example API", () => {
  it.each(examples)("$name: reads every record exactly once, in order, paging as the API expects", async (spec) => {
    await withServer(spec, async (server) => {
      const read = await spec.read(server.url, spec.secrets);
      const expected = spec.expected(server);
      for (const [resource, records] of Object.entries(expected)) {
        const got = read[resource] ?? [];
        if (records.every((record) => typeof record === "object" && record !== null && "id" in record)) {
          expect(ids(got as { id: string }[]), `${resource}: ids`).toEqual(ids(records as { id: string }[]));
        }
        expect(got, resource).toEqual(records);
      }
      expect(server.requests.map(line)).toEqual(spec.requests(server));
      for (const request of server.requests) {
        if (request.url.startsWith("/oauth/")) continue;
        spec.credential(request, server);
        // No example puts its credential in the URL: it must never leak there.
        for (const secret of Object.values(spec.secrets)) expect(request.url).not.toContain(secret);
      }
    });
  });

  it.each(examples)("$name: a wrong credential is refused with 401, not retried", async (spec) => {
    await withServer(spec, async (server) => {
      const wrong = Object.fromEntries(Object.keys(spec.secrets).map((name) => [name, `wrong-${name}`]));
      const error = await spec.read(server.url, wrong).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 401 });
      expect(String((error as Error).message)).not.toContain("wrong-");
      expect(server.requests).toHaveLength(1);
    });
  });
});
