import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Project, SyntaxKind } from "ts-morph";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { INJECTION_PAYLOADS, pwned } from "../support/payloads.js";
import { typeCheck } from "../support/typecheck.js";

/**
 * Run-time values named and defaulted by injection payloads: `dlt.config["<payload>"]` names
 * (quoted with whichever quote the payload lacks) and `{ "$config": "p<i>", "default": <payload> }`
 * defaults filling a path placeholder, a query param and a header. They reach the code only as
 * property names and string literals, and the request carries each exactly.
 */
/** Text a URL can carry: a lone UTF-16 surrogate is refused when the source is created (tested below). */
const wellFormed = (payload: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(payload);
const PAYLOADS = INJECTION_PAYLOADS.filter(wellFormed);
const nameable = PAYLOADS.filter((payload) => !(payload.includes('"') && payload.includes("'")) && payload.trim() !== "" && !payload.includes("]"));
const spelled = (payload: string) => (payload.includes('"') ? `dlt.config['${payload}']` : `dlt.config["${payload}"]`);
const headerSafe = (payload: string) => !/[\r\n\0\u2028\u2029]/.test(payload) && /^[\t\x20-\x7e]*$/.test(payload);

const config = {
  name: "config_values_injection",
  client: { base_url: "http://127.0.0.1" },
  resources: PAYLOADS.map((payload, index) => ({
    name: `r${index}`,
    endpoint: {
      path: `/r${index}/{segment}`,
      data_selector: "data",
      paginator: "single_page",
      params: {
        segment: { $config: `p${index}`, default: payload },
        named: nameable.includes(payload) ? spelled(payload) : "plain",
      },
      ...(headerSafe(payload) ? { headers: { "X-Value": { $config: `p${index}` } } } : {}),
    },
  })),
};

let connector: LooseConnector;
let dir: string;
let cleanup: () => Promise<void>;
let server: TestServer;

beforeAll(async () => {
  ({ module: connector, dir, cleanup } = await generateConnector("config-values-injection", config));
  server = await startServer((request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ data: [{ path: request.url.split("?")[0], named: request.query.get("named"), header: request.headers["x-value"] ?? null }] }));
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

describe("run-time value names and defaults reach the connector only as data", () => {
  it("compiles under the strictest settings, with no code from a payload", async () => {
    expect(typeCheck([join(dir, "index.ts")])).toEqual([]);
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("index.ts", await readFile(join(dir, "index.ts"), "utf8"));
    expect(file.getDescendantsOfKind(SyntaxKind.Identifier).filter((node) => ["__pwned", "globalThis"].includes(node.getText()))).toEqual([]);
  }, 60_000);

  it("sends every default URL-encoded in the path and as is in a header, and every named value as given", async () => {
    const given = Object.fromEntries(nameable.map((payload) => [payload, `value of ${payload}`]));
    const source = connector.createSource({ baseUrl: server.url, config: given, retry: { maxRetries: 0 } });
    expect(pwned()).toBeUndefined();
    for (const [index, payload] of PAYLOADS.entries()) {
      const records: { path: string; named: string; header: string | null }[] = [];
      for await (const record of source.resources[`r${index}`]!.records()) records.push(record as (typeof records)[number]);
      expect(records, JSON.stringify(payload)).toHaveLength(1);
      const record = records[0]!;
      expect(record.path).toBe(`/r${index}/${encodeURIComponent(payload)}`);
      expect(record.named).toBe(nameable.includes(payload) ? `value of ${payload}` : "plain");
      if (headerSafe(payload)) expect(record.header).toBe(payload.trim());
    }
    expect(pwned()).toBeUndefined();
  });

  it("refuses a value that is not well-formed text when the source is created, naming it", () => {
    const lone = INJECTION_PAYLOADS.find((payload) => !wellFormed(payload))!;
    expect(() => connector.createSource({ config: { p0: lone } })).toThrow(`config.p0: expected well-formed text, got ${JSON.stringify(lone)}`);
  });
});
