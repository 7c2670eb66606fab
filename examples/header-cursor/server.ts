import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

/** An audit event as openapi.yaml describes it. */
export interface AuditEvent {
  id: string;
  action: string;
  actor: string | null;
  occurred_at: string;
  ip_address?: string;
}

/** The API key this example API accepts, under the connector's secret name. */
export const secrets = { audit_api_key: "audit_live_3b7f" };

const ACTIONS = ["user.login", "repo.create", "repo.delete", "member.invite"];

/** 120 deterministic events: 3 pages of 50, 50 and 20 at `limit=50`. */
export function records(): AuditEvent[] {
  return Array.from({ length: 120 }, (_, index) => {
    const event: AuditEvent = {
      id: `evt_${String(index + 1).padStart(5, "0")}`,
      action: ACTIONS[index % ACTIONS.length] ?? "user.login",
      actor: index % 10 === 0 ? null : `user${index % 7}@example.com`,
      occurred_at: new Date(Date.UTC(2026, 2, 1) + index * 90_000).toISOString(),
    };
    if (event.actor !== null) event.ip_address = `203.0.113.${index % 250}`;
    return event;
  });
}

/**
 * Serves `GET /api/v2/events?limit=N&order=asc[&after=cursor]`: a JSON array, and while
 * more events follow, the next page's cursor (the last event's id) in `X-Next-Cursor`.
 * Only `order=asc` is implemented. The key is the whole `Authorization` header (401 otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const events = records();
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/api/v2/events") return sendJson(response, 404, { error: "not found" });
    if (request.headers.authorization !== secrets.audit_api_key) return sendJson(response, 401, { error: "invalid api key" });
    const limit = Number(url.searchParams.get("limit") ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return sendJson(response, 400, { error: "limit must be 1..200" });
    if (url.searchParams.get("order") !== "asc") return sendJson(response, 400, { error: "only order=asc is supported" });
    const after = url.searchParams.get("after");
    const from = after === null ? 0 : events.findIndex((event) => event.id === after) + 1;
    if (after !== null && from === 0) return sendJson(response, 400, { error: "unknown cursor" });
    const page = events.slice(from, from + limit);
    const last = page.at(-1);
    const more = last !== undefined && from + limit < events.length;
    sendJson(response, 200, page, more ? { "x-next-cursor": last.id } : {});
  };
  return serveExample(handler, { port: options.port, basePath: "/api" });
}

// `tsx examples/header-cursor/server.ts` serves the example API on port 8796 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8796 }),
  (url) => `Audit API on ${url}/v2/events (Authorization: ${secrets.audit_api_key})`,
);
