import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the test server saw it. */
export interface LoggedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export type TestHandler = (request: LoggedRequest, response: ServerResponse) => void | Promise<void>;

/** Starts a real HTTP server on 127.0.0.1 with an ephemeral port; the handler sees each request with its body read. */
export async function startServer(handler: TestHandler): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const parsed = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const logged: LoggedRequest = {
      method: incoming.method ?? "GET",
      url: incoming.url ?? "/",
      query: parsed.searchParams,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(logged);
    try {
      await handler(logged, response);
    } catch (error) {
      response.statusCode = 599;
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends `body` as JSON with the given status and headers. */
export function sendJson(response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
