import type { Server } from "node:http";
import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler } from "../example-server.js";

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
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/v1/resource") return sendJson(response, 404, { error: "not found" });
    if (url.searchParams.get("api_key") !== options.apiKey) return sendJson(response, 401, { error: "invalid api key" });
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 100), 100);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
      return sendJson(response, 400, { error: "offset and limit must be non-negative integers" });
    }
    sendJson(response, 200, { data: records.slice(offset, offset + limit), total: records.length });
  };
  return serveExample(handler, { port: options.port, log: (request) => request.url });
}

// `tsx examples/seed/server.ts` serves the example API on port 8787 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => startExampleServer({ apiKey: process.env["API_KEY"] ?? "example-key", port: 8787 }),
  (url) => `Example API on ${url}/v1/resource (api key: API_KEY, default "example-key")`,
);
