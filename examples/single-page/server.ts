import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

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

/**
 * Serves `GET /api/v2/components.json` (every component in one response, under
 * `components`) and `GET /api/v2/status` (one object). No pagination at all: the
 * connector must make exactly one request per resource. Bearer token auth (401 otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "GET") return sendJson(response, 405, { error: "method not allowed" });
    if (request.headers.authorization !== `Bearer ${secrets.status_token}`) return sendJson(response, 401, { error: "unauthorized" });
    if (url.pathname === "/api/v2/status") return sendJson(response, 200, status());
    if (url.pathname !== "/api/v2/components.json") return sendJson(response, 404, { error: "not found" });
    // Without include_groups the group is left out, as the OpenAPI document says.
    const groups = url.searchParams.get("include_groups") === "true";
    sendJson(response, 200, { components: records().map(({ group_id, ...rest }) => (groups && group_id ? { ...rest, group_id } : rest)) });
  };
  return serveExample(handler, { port: options.port, basePath: "/api/v2" });
}

// `tsx examples/single-page/server.ts` serves the example API on port 8797 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8797 }),
  (url) => `Status API on ${url}/components.json and ${url}/status (Authorization: Bearer ${secrets.status_token})`,
);
