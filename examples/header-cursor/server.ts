import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

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

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/**
 * Serves `GET /api/v2/events?limit=N&order=asc[&after=cursor]`: a JSON array, and while
 * more events follow, the next page's cursor (the last event's id) in `X-Next-Cursor`.
 * Only `order=asc` is implemented. The key is the whole `Authorization` header (401 otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const events = records();
  const requests: LoggedRequest[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/api/v2/events") return send(response, 404, { error: "not found" });
    if (request.headers.authorization !== secrets.audit_api_key) return send(response, 401, { error: "invalid api key" });
    const limit = Number(url.searchParams.get("limit") ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return send(response, 400, { error: "limit must be 1..200" });
    if (url.searchParams.get("order") !== "asc") return send(response, 400, { error: "only order=asc is supported" });
    const after = url.searchParams.get("after");
    const from = after === null ? 0 : events.findIndex((event) => event.id === after) + 1;
    if (after !== null && from === 0) return send(response, 400, { error: "unknown cursor" });
    const page = events.slice(from, from + limit);
    const last = page.at(-1);
    const more = last !== undefined && from + limit < events.length;
    send(response, 200, page, more ? { "x-next-cursor": last.id } : {});
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `tsx examples/header-cursor/server.ts` serves the example API on port 8796 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await start({ port: 8796 });
  console.log(`Audit API on ${url}/v2/events (Authorization: ${secrets.audit_api_key})`);
}
