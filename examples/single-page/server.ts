import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** A component as openapi.yaml describes it. */
export interface Component {
  id: string;
  name: string;
  status: "operational" | "degraded_performance" | "partial_outage" | "major_outage";
  description: string | null;
  group_id?: string;
}

/** The overall status as openapi.yaml describes it. */
export interface Status {
  indicator: "none" | "minor" | "major" | "critical";
  description: string;
  updated_at: string;
  incident_url?: string | null;
}

/** The token this example API accepts, under the connector's secret name. */
export const secrets = { status_token: "status-read-61c0" };

/** The components, as served with `include_groups=true`: grouped ones carry `group_id`. */
export function records(): Component[] {
  return [
    { id: "cmp_api", name: "API", status: "operational", description: "Public REST API", group_id: "grp_core" },
    { id: "cmp_web", name: "Website", status: "operational", description: null, group_id: "grp_core" },
    { id: "cmp_jobs", name: "Background jobs", status: "degraded_performance", description: "Exports and imports" },
    { id: "cmp_mail", name: "Email delivery", status: "operational", description: null },
  ];
}

/** The overall status: one record, no open incident. */
export function status(): Status {
  return { indicator: "minor", description: "Minor Service Outage", updated_at: "2026-04-01T08:30:00.000Z", incident_url: null };
}

export interface LoggedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ExampleServer {
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * Serves `GET /api/v2/components.json` (every component in one response, under
 * `components`) and `GET /api/v2/status` (one object). No pagination at all: the
 * connector must make exactly one request per resource. Bearer token auth (401 otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "GET") return send(response, 405, { error: "method not allowed" });
    if (request.headers.authorization !== `Bearer ${secrets.status_token}`) return send(response, 401, { error: "unauthorized" });
    if (url.pathname === "/api/v2/status") return send(response, 200, status());
    if (url.pathname !== "/api/v2/components.json") return send(response, 404, { error: "not found" });
    // Without include_groups the group is left out, as the OpenAPI document says.
    const groups = url.searchParams.get("include_groups") === "true";
    send(response, 200, { components: records().map(({ group_id, ...rest }) => (groups && group_id ? { ...rest, group_id } : rest)) });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `tsx examples/single-page/server.ts` serves the example API on port 8797 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await start({ port: 8797 });
  console.log(`Status API on ${url}/components.json and ${url}/status (Authorization: Bearer ${secrets.status_token})`);
}
