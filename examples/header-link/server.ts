import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

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

/**
 * Serves `GET /api/v3/user/issues?filter=…&state=…&per_page=N&page=P` like GitHub:
 * a JSON array body, and a `Link` header with absolute `next`/`last` (and `first`/`prev`)
 * links that carry every query parameter. Filters are accepted but not applied. A wrong token is a 401.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const issues = records();
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, `http://${request.headers.host ?? "localhost"}`);
    if (request.method !== "GET" || url.pathname !== "/api/v3/user/issues") return sendJson(response, 404, { message: "Not Found" });
    if (request.headers.authorization !== `Bearer ${secrets.github_token}`) return sendJson(response, 401, { message: "Bad credentials" });
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return sendJson(response, 422, { message: "Validation Failed" });
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
    sendJson(response, 200, issues.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(", ") } : {});
  };
  return serveExample(handler, { port: options.port, basePath: "/api/v3" });
}

// `tsx examples/header-link/server.ts` serves the example API on port 8795 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8795 }),
  (url) => `Git API on ${url}/user/issues (Authorization: Bearer ${secrets.github_token})`,
);
