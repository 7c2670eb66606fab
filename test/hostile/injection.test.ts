import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Project, SyntaxKind } from "ts-morph";
import { startServer, type TestServer } from "../support/http-server.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { INJECTION_PAYLOADS, pwned } from "../support/payloads.js";
import { typeCheck } from "../support/typecheck.js";

/**
 * Every injection payload in every string slot of one config (and of an OpenAPI document):
 * the connector must compile, run, and carry each payload only as data. Slots:
 * resource names, table names, primary keys, paths, param keys and values, JSON body keys and
 * values, header names and values, data_selector, paginator options, base_url, the source name,
 * and OpenAPI schema names, property names, descriptions and enum values.
 *
 * Not every payload is legal everywhere, and those are left out of that slot on purpose:
 * `{…}` in path, params, json and headers is a dlt placeholder (validation rejects unknown ones with a path);
 * a `'` cannot appear inside `$['…']` in our JSONPath subset; secret names must be identifiers.
 */
const expandable = (payload: string) => !/[{}]/.test(payload);
const selectable = (payload: string) => !payload.includes("'");
const wellFormed = (text: string) => (text as string & { toWellFormed(): string }).toWellFormed();

const resources = INJECTION_PAYLOADS.map((payload, index) => ({
  name: payload,
  table_name: `t_${payload}`,
  primary_key: payload,
  endpoint: {
    path: expandable(payload) ? `/r${index}/${payload}` : `/r${index}`,
    method: "POST",
    params: expandable(payload) ? { [payload]: payload, [`k${index}`]: payload } : { [`k${index}`]: "braces" },
    json: expandable(payload) ? { [payload]: [payload, { [payload]: payload }] } : { note: "braces" },
    // Our JSONPath subset reads a quoted name literally (no escapes), as the selector finds it in the body.
    data_selector: selectable(payload) ? `$['${payload}']` : "data",
    paginator: { type: "cursor", cursor_param: payload },
  },
}));

const config = {
  name: INJECTION_PAYLOADS.join(" "),
  client: { base_url: `http://127.0.0.1/${INJECTION_PAYLOADS.filter(expandable).join("")}` },
  resources: [
    ...resources,
    // Headers travel as data too. Names that are not HTTP tokens and values with line breaks
    // are refused by the generator (test/generator/generate.test.ts); the rest go in here.
    // This resource is compiled and loaded, never requested.
    {
      name: "headers_only",
      endpoint: {
        path: "/headers",
        headers: Object.fromEntries(
          INJECTION_PAYLOADS.filter(expandable)
            .flatMap((payload, index) => [[`X-P${index}`, payload], [payload, `v${index}`]])
            .filter(([name, value]) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name!) && !/[\r\n\0]/.test(value!)),
        ),
      },
    },
    { name: "typed", endpoint: { path: "/typed", data_selector: "data" } },
  ],
};

let connector: LooseConnector;
let dir: string;
let indexText: string;
let cleanup: () => Promise<void>;
let server: TestServer;

beforeAll(async () => {
  ({ module: connector, dir, cleanup } = await generateConnector("injection", config, { openapi: join(import.meta.dirname, "fixtures", "injection-openapi.json") }));
  indexText = await readFile(join(dir, "index.ts"), "utf8");
  server = await startServer((request, response) => {
    const index = Number(/^\/r(\d+)/.exec(request.url)?.[1]);
    const echo = { path: decodeURIComponent(request.url.split("?")[0]!), query: [...request.query.entries()], body: request.body };
    response.writeHead(200, { "content-type": "application/json" });
    const payload = INJECTION_PAYLOADS[index];
    response.end(JSON.stringify({ [payload !== undefined && selectable(payload) ? payload : "data"]: [echo] }));
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

describe("injection payloads reach the connector only as data", () => {
  it(`uses at least 30 payloads`, () => {
    expect(INJECTION_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it("compiles under the strictest settings", () => {
    expect(typeCheck([join(dir, "index.ts")])).toEqual([]);
  }, 60_000);

  it("has no code from a payload: no identifier __pwned anywhere in the syntax tree", () => {
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("index.ts", indexText);
    const identifiers = file.getDescendantsOfKind(SyntaxKind.Identifier).map((node) => node.getText());
    // Sanitized names such as `GlobalThisPwned1` are fine; the bare global or the target name would be code.
    expect(identifiers.filter((name) => name === "__pwned" || name === "globalThis")).toEqual([]);
    // Every statement at the top level is an import, an export or a declaration: nothing runs on import but the template's own code.
    const kinds = new Set(file.getStatements().map((statement) => statement.getKindName()));
    for (const kind of kinds) expect(["ImportDeclaration", "ExportDeclaration", "VariableStatement", "FunctionDeclaration", "InterfaceDeclaration", "TypeAliasDeclaration"]).toContain(kind);
  });

  it("loads and runs without any payload executing", async () => {
    expect(pwned()).toBeUndefined();
    connector.createSource({ baseUrl: server.url });
    expect(pwned()).toBeUndefined();
  });

  it("keeps every resource name, table name and primary key exactly", () => {
    const metadata = connector.resourceMetadata as Record<string, { tableName: string; primaryKey: unknown }>;
    expect(Object.keys(metadata)).toEqual([...INJECTION_PAYLOADS, "headers_only", "typed"]);
    INJECTION_PAYLOADS.forEach((payload) => {
      expect(Object.prototype.hasOwnProperty.call(metadata, payload)).toBe(true);
      expect(metadata[payload]).toMatchObject({ tableName: `t_${payload}`, primaryKey: payload });
    });
  });

  it("sends every path, param and JSON body as the config wrote it", async () => {
    const source = connector.createSource({ baseUrl: server.url, retry: { maxRetries: 0 } });
    for (const [index, payload] of INJECTION_PAYLOADS.entries()) {
      const resource = source.resources[payload]!;
      expect(Object.prototype.hasOwnProperty.call(source.resources, payload)).toBe(true);
      const pages = [];
      for await (const page of resource.pages()) pages.push(page);
      expect(pages, JSON.stringify(payload)).toHaveLength(1);
      expect(pages[0]!.records, JSON.stringify(payload)).toHaveLength(1);
      const echo = pages[0]!.records[0] as { path: string; query: [string, string][]; body: string };
      const path = expandable(payload) ? `/r${index}/${payload}` : `/r${index}`;
      expect(echo.path).toBe(decodeURIComponent(new URL(`${server.url}${path}`).pathname));
      const query = new Map(echo.query);
      if (expandable(payload) && payload !== "__proto__") {
        expect(query.get(wellFormed(payload))).toBe(wellFormed(payload));
        expect(query.get(`k${index}`)).toBe(wellFormed(payload));
        expect(JSON.parse(echo.body)).toEqual({ [payload]: [payload, { [payload]: payload }] });
      }
    }
    expect(pwned()).toBeUndefined();
  });

  it("sends a param and a JSON body key named __proto__", async () => {
    const source = connector.createSource({ baseUrl: server.url, retry: { maxRetries: 0 } });
    const index = INJECTION_PAYLOADS.indexOf("__proto__");
    const page = await source.resources["__proto__"]!.pages().next();
    const echo = page.value!.records[0] as { query: [string, string][]; body: string };
    expect(new Map(echo.query).get("__proto__")).toBe("__proto__");
    expect(new Map(echo.query).get(`k${index}`)).toBe("__proto__");
    expect(Object.keys(JSON.parse(echo.body) as object)).toEqual(["__proto__"]);
  });

  it("keeps OpenAPI property names, descriptions and enum values as quoted members, comments and literal types", () => {
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("index.ts", indexText);
    const record = file.getInterfaceOrThrow("WeirdName");
    const names = new Set(record.getProperties().map((property) => property.getSymbolOrThrow().getName()));
    const fixture = ["\"", "'", "`", "*/ globalThis.__pwned=5; /*", "*/\nglobalThis.__pwned=6;\n/*", "\u2028globalThis.__pwned=9;//", "constructor", "then", "status"];
    for (const name of fixture) expect(names, JSON.stringify(name)).toContain(name);
    const literals = new Set(file.getDescendantsOfKind(SyntaxKind.StringLiteral).map((node) => node.getLiteralValue()));
    for (const value of ["*/ globalThis.__pwned=5; /*", "`+(globalThis.__pwned=2)+`", "\u2028globalThis.__pwned=9;//", "__proto__"]) {
      expect(literals, JSON.stringify(value)).toContain(value);
    }
  });

  it("keeps an OpenAPI property named __proto__", () => {
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("index.ts", indexText);
    const names = file.getInterfaceOrThrow("WeirdName").getProperties().map((property) => property.getSymbolOrThrow().getName());
    expect(names).toContain("__proto__");
  });
});
