import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** The seed API's record, as its openapi.yaml describes it. */
export interface ExampleRecord {
  id: number;
  customer_id: string | null;
  user_key: string;
  amount?: number | null;
  created_at: string;
  tags: string[];
  metadata?: Record<string, unknown>;
}

/** Deterministic records that use every shape the schema allows: nulls, absent optionals, empty lists. */
export function exampleRecords(count: number): ExampleRecord[] {
  return Array.from({ length: count }, (_, id) => {
    const record: ExampleRecord = {
      id,
      customer_id: id % 5 === 0 ? null : `cus_${(id % 17).toString().padStart(3, "0")}`,
      user_key: `user_${id % 7}`,
      created_at: new Date(Date.UTC(2026, 0, 1) + id * 3_600_000).toISOString(),
      tags: id % 3 === 0 ? [] : ["example", id % 2 === 0 ? "even" : "odd"],
    };
    if (id % 4 !== 0) record.amount = id % 8 === 1 ? null : Math.round(id * 1.25 * 100) / 100;
    if (id % 6 === 0) record.metadata = { source: "example", batch: Math.floor(id / 100) };
    return record;
  });
}

export interface ExampleServer {
  url: string;
  server: Server;
  /** The path and query of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `GET /v1/resource` like the seed guide's API: the api key in the
 * `api_key` query parameter (401 without it), offset pagination with
 * `offset`/`limit` (at most 100), records under `data` and the count under `total`.
 */
export async function startExampleServer(options: { apiKey: string; records?: number; port?: number }): Promise<ExampleServer> {
  const records = exampleRecords(options.records ?? 250);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "/");
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method !== "GET" || url.pathname !== "/v1/resource") return send(404, { error: "not found" });
    if (url.searchParams.get("api_key") !== options.apiKey) return send(401, { error: "invalid api key" });
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 100), 100);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
      return send(400, { error: "offset and limit must be non-negative integers" });
    }
    send(200, { data: records.slice(offset, offset + limit), total: records.length });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

// `tsx examples/seed/server.ts` serves the example API on port 8787 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const apiKey = process.env["API_KEY"] ?? "example-key";
  const { url } = await startExampleServer({ apiKey, port: 8787 });
  console.log(`Example API on ${url}/v1/resource (api key: API_KEY, default "example-key")`);
}
