// The plumbing every example API (examples/*/server.ts) shares: listening, request logging,
// JSON responses, closing, and serving on a fixed port when the file is run directly.
// Each server keeps its own routes, auth checks and pagination.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** One request an example server received, as its handler sees it and as it is logged. */
export interface LoggedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A running example API. */
export interface ExampleServer {
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** What {@link serveExample} returns: a running example API whose log holds `Logged` entries, and the node server behind it. */
export interface ServedExample<Logged = LoggedRequest> {
  /** `http://127.0.0.1:<port>` followed by the `basePath` option. */
  url: string;
  server: Server;
  /** One entry per request received, in order; a live array (clearing it with `length = 0` is fine). */
  requests: Logged[];
  /** Drops every open connection and stops listening. */
  close(): Promise<void>;
}

/** Answers one request of an example API; the body has been read in full before it is called. */
export type ExampleHandler = (request: LoggedRequest, response: ServerResponse) => void | Promise<void>;

export interface ServeExampleOptions<Logged> {
  /** The port to listen on (127.0.0.1 only); an ephemeral one when absent or 0. */
  port?: number | undefined;
  /** Appended to the origin to make `url`, e.g. `/api/v2`. */
  basePath?: string | undefined;
  /** What to log for each request; the whole {@link LoggedRequest} when absent. */
  log?: ((request: LoggedRequest) => Logged) | undefined;
}

/**
 * Serves an example API on 127.0.0.1: reads each request's body, logs the request
 * (`{ method, url, headers, body }`, or what `log` makes of it) in `requests`, then calls `handler`.
 */
export async function serveExample<Logged = LoggedRequest>(
  handler: ExampleHandler,
  options: ServeExampleOptions<Logged> = {},
): Promise<ServedExample<Logged>> {
  // Without `log` the entries are the requests themselves, so Logged is LoggedRequest (its default).
  const log = options.log ?? ((request: LoggedRequest) => request as unknown as Logged);
  const requests: Logged[] = [];
  const server = createServer(async (incoming, response) => {
    let body = "";
    for await (const chunk of incoming) body += String(chunk);
    const request: LoggedRequest = { method: incoming.method ?? "GET", url: incoming.url ?? "/", headers: incoming.headers, body };
    requests.push(log(request));
    await handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.basePath ?? ""}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Answers `status` with `body` as JSON (`content-type: application/json`, then any extra `headers`). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/**
 * When the module at `moduleUrl` (pass `import.meta.url`) is the script node was started with,
 * as in `tsx examples/<name>/server.ts`, starts its server and prints `describe(url)`;
 * the server then runs until the process is stopped. Otherwise does nothing.
 */
export async function serveWhenRunDirectly(
  moduleUrl: string,
  start: () => Promise<{ url: string }>,
  describe: (url: string) => string,
): Promise<void> {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? "").href) return;
  const { url } = await start();
  console.log(describe(url));
}
