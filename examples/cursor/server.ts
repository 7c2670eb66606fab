import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

/** A message as openapi.yaml describes it. */
export interface Message {
  id: string;
  channel: string;
  user: string | null;
  text: string;
  thread_id?: string;
  sent_at: string;
}

/** The credentials this example API accepts, under the connector's secret names. */
export const secrets = { chat_api_key: "chat-key-1f4e", workspace_token: "ws-token-77aa" };

/** 100 deterministic messages: 3 pages of 40, 40 and 20 at `limit=40`. */
export function records(): Message[] {
  return Array.from({ length: 100 }, (_, index) => {
    const message: Message = {
      id: `M${String(index + 1).padStart(4, "0")}`,
      channel: "C0GENERAL",
      user: index % 9 === 0 ? null : `U${index % 4}`,
      text: `message ${index + 1}`,
      sent_at: new Date(Date.UTC(2026, 1, 1) + index * 60_000).toISOString(),
    };
    if (index % 5 === 4) message.thread_id = `M${String(index).padStart(4, "0")}`;
    return message;
  });
}

// Opaque to clients, as real cursors are: the position of the next message.
const encodeCursor = (position: number) => Buffer.from(`pos:${position}`).toString("base64url");
const decodeCursor = (cursor: string) => Number(/^pos:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString())?.[1] ?? NaN);

/**
 * Serves `GET /api/conversations.history?channel=C&limit=N[&cursor=…]`. The cursor is
 * always returned, even on the last page (a client may resume from it later), so only
 * `has_more` tells when to stop. Both the `X-Api-Key` and `X-Workspace-Token` headers are required.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const messages = records();
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/api/conversations.history") return sendJson(response, 404, { ok: false, error: "unknown_method" });
    if (request.headers["x-api-key"] !== secrets.chat_api_key || request.headers["x-workspace-token"] !== secrets.workspace_token) {
      return sendJson(response, 401, { ok: false, error: "invalid_auth" });
    }
    const limit = Number(url.searchParams.get("limit") ?? 100);
    const cursor = url.searchParams.get("cursor");
    const position = cursor === null ? 0 : decodeCursor(cursor);
    if (url.searchParams.get("channel") !== "C0GENERAL") return sendJson(response, 400, { ok: false, error: "channel_not_found" });
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(position)) {
      return sendJson(response, 400, { ok: false, error: "invalid_arguments" });
    }
    const end = Math.min(position + limit, messages.length);
    sendJson(response, 200, {
      ok: true,
      messages: messages.slice(position, end),
      has_more: end < messages.length,
      response_metadata: { next_cursor: encodeCursor(end) },
    });
  };
  return serveExample(handler, { port: options.port, basePath: "/api" });
}

// `tsx examples/cursor/server.ts` serves the example API on port 8792 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8792 }),
  (url) => `Chat API on ${url}/conversations.history (X-Api-Key ${secrets.chat_api_key}, X-Workspace-Token ${secrets.workspace_token})`,
);
