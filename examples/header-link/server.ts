import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** An issue as openapi.yaml describes it. */
export interface Issue {
  id: number;
  number: number;
  title: string;
  state: "open" | "closed";
  body: string | null;
  labels: string[];
  created_at: string;
  closed_at?: string;
}

/** The token this example API accepts, under the connector's secret name. */
export const secrets = { github_token: "ghp_exampleToken0123" };

/** 75 deterministic issues: 3 pages of 30, 30 and 15 at `per_page=30`. */
export function records(): Issue[] {
  return Array.from({ length: 75 }, (_, index) => {
    const closed = index % 4 === 1;
    const issue: Issue = {
      id: 500_000 + index,
      number: index + 1,
      title: `Widget bug #${index + 1}`,
      state: closed ? "closed" : "open",
      body: index % 6 === 0 ? null : `Steps to reproduce ${index + 1}`,
      labels: index % 3 === 0 ? ["bug"] : [],
      created_at: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString(),
    };
    if (closed) issue.closed_at = new Date(Date.UTC(2025, 6, 1) + index * 3_600_000).toISOString();
    return issue;
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
 * Serves `GET /api/v3/user/issues?filter=…&state=…&per_page=N&page=P` like GitHub:
 * a JSON array body, and a `Link` header with absolute `next`/`last` (and `first`/`prev`)
 * links that carry every query parameter. Filters are accepted but not applied. A wrong token is a 401.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const issues = records();
  const requests: LoggedRequest[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
    if (request.method !== "GET" || url.pathname !== "/api/v3/user/issues") return send(response, 404, { message: "Not Found" });
    if (request.headers.authorization !== `Bearer ${secrets.github_token}`) return send(response, 401, { message: "Bad credentials" });
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return send(response, 422, { message: "Validation Failed" });
    }
    const lastPage = Math.max(1, Math.ceil(issues.length / perPage));
    const link = (to: number, rel: string) => {
      const target = new URL(url);
      target.searchParams.set("page", String(to));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links = [];
    if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
    if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
    send(response, 200, issues.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(", ") } : {});
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v3`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `tsx examples/header-link/server.ts` serves the example API on port 8795 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await start({ port: 8795 });
  console.log(`Git API on ${url}/user/issues (Authorization: Bearer ${secrets.github_token})`);
}
