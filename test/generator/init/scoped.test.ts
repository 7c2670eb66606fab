import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeConnector, type RestApiConfig } from "../../../generator/index.js";
import { initConfig } from "../../../generator/init/init.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { tempDir } from "../../support/temp-dir.js";
import { typeCheck } from "../../support/typecheck.js";

/**
 * init on a spec made of the traits published specs trip on (see the fixture's header):
 * its config generates, type-checks and reads a local server shaped like the spec, with
 * the organization, the tenant and the window given at run time.
 */
const SPEC = join(import.meta.dirname, "..", "..", "fixtures", "init", "scoped-api.yaml");
const TENANT = "0b6f7c1e-2a39-4c55-8d0e-6f1f2b3c4d5e";
const tickets = Array.from({ length: 5 }, (_, index) => ({ id: `t${index}`, title: `Ticket ${index}`, created: `2024-03-0${index + 1}T10:00:00Z`, closedAt: null }));

interface Connector {
  createSource(options: { baseUrl: string; secrets: Record<string, string>; config: Record<string, string> }): {
    resources: Record<string, { records(): AsyncGenerator<{ id: string | number }> }>;
  };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let init: { config: RestApiConfig; notes: string[] };
let server: TestServer;
let connector: Connector;

beforeAll(async () => {
  dir = await tempDir("init-scoped");
  init = await initConfig(SPEC, { configDir: dir.path });
  await writeConnector(await generate({ config: JSON.parse(JSON.stringify(init.config)), configPath: join(dir.path, "config.json"), outDir: dir.path }));
  connector = (await import(pathToFileURL(join(dir.path, "index.ts")).href)) as Connector;
  server = await startServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.headers["x-tenant-id"] !== TENANT || request.headers.accept !== "application/vnd.api+json") return sendJson(response, { errors: ["tenant"] }, 403);
    if (url.pathname === "/v1/orgs/acme/members") return sendJson(response, [{ id: 1, login: "ann" }]);
    if (url.pathname !== "/v1/orgs/acme/tickets") return sendJson(response, { errors: ["not found"] }, 404);
    const since = url.searchParams.get("createdSince")!;
    const until = url.searchParams.get("createdUntil")!;
    const inWindow = tickets.filter((ticket) => ticket.created >= since && ticket.created <= until);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const size = Number(url.searchParams.get("page_size"));
    const next = offset + size < inWindow.length ? `${server.url}${url.pathname}?${new URLSearchParams({ createdSince: since, createdUntil: until, page_size: String(size), offset: String(offset + size) })}` : null;
    sendJson(response, { data: inWindow.slice(offset, offset + size), links: { next } });
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await dir?.cleanup();
});

const resource = (name: string) => init.config.resources.find((entry) => typeof entry !== "string" && entry.name === name);

describe("init on a spec of $refs, JSON:API, scoped lists, a tenant header and a time window", () => {
  it("asks for the organization, the tenant and the window at run time, each once", () => {
    expect(init.config.client.headers).toEqual({ Accept: "application/vnd.api+json", "X-Tenant-Id": { $config: "x_tenant_id" } });
    expect(resource("members")).toMatchObject({ endpoint: { path: "/orgs/{org}/members", data_selector: "$", params: { org: { $config: "org" } } } });
    expect(resource("tickets")).toMatchObject({
      endpoint: {
        path: "/orgs/{org}/tickets",
        data_selector: "data",
        paginator: { type: "json_link", next_url_path: "links.next" },
        params: { org: { $config: "org" }, page_size: 2 },
        incremental: {
          cursor_path: "created",
          start_param: "createdSince",
          end_param: "createdUntil",
          initial_value: { $config: "created_since" },
          end_value: { $config: "created_until" },
        },
      },
    });
    expect(init.notes).toContain('run-time value "org" (path parameter {org}; used by tickets, members): pass createSource({ config: { org: ... } }) or set ORG');
    expect(init.notes).toContain("left out GET /search/tickets: needs the search term \"q\": a search, not a list to load");
  });

  it("generates a connector that type-checks under strict", () => {
    expect(typeCheck([join(dir.path, "index.ts")])).toEqual([]);
  }, 60_000);

  it("reads the organization's lists within the window", async () => {
    const source = connector.createSource({
      baseUrl: `${server.url}/v1`,
      secrets: { ticket_desk_token: "t" },
      config: { org: "acme", x_tenant_id: TENANT, created_since: "2024-03-02T00:00:00Z", created_until: "2024-03-04T23:59:59Z" },
    });
    const ids: (string | number)[] = [];
    for await (const ticket of source.resources["tickets"]!.records()) ids.push(ticket.id);
    expect(ids).toEqual(["t1", "t2", "t3"]);
    for await (const member of source.resources["members"]!.records()) ids.push(member.id);
    expect(ids).toEqual(["t1", "t2", "t3", 1]);
    expect(server.requests[0]!.url).toBe("/v1/orgs/acme/tickets?page_size=2&createdSince=2024-03-02T00%3A00%3A00Z&createdUntil=2024-03-04T23%3A59%3A59Z");
  });
});
