import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export const TENANT = "4e9c7a0e-5d1b-4c55-9d0e-6f1f2b3c4d5e";

/** Issues of each `owner/repo`; only the tenant's requests are answered. */
export const repositories: Record<string, { id: number; title: string; state: "open" | "closed"; labels: string[] }[]> = {
  "octocat/hello": [1, 2, 3, 4, 5].map((id) => ({ id, title: `Issue ${id}`, state: id === 4 ? "closed" : "open", labels: id % 2 === 0 ? ["bug"] : [] })),
  "a/b c/hello": [{ id: 9, title: "Issue of an oddly named owner", state: "open", labels: [] }],
};

/**
 * Repository issues: `GET /repos/{owner}/{repo}/issues?state&per_page&page` (a JSON array per page)
 * and `POST /repos/{owner}/{repo}/search` with `{ label }`, both requiring an `X-Tenant-Id` header:
 * the values every user of the connector sets differently, supplied when it runs.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.headers["x-tenant-id"] !== TENANT) return sendJson(response, 403, { error: "unknown tenant" });
    const match = /^\/api\/repos\/([^/]+)\/([^/]+)\/(issues|search)$/.exec(url.pathname);
    const issues = match && repositories[`${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`];
    if (!match || !issues) return sendJson(response, 404, { error: "no such repository" });
    if (match[3] === "search") {
      const { label } = JSON.parse(request.body || "{}") as { label?: string };
      return sendJson(response, 200, issues.filter((issue) => label !== undefined && issue.labels.includes(label)));
    }
    const state = url.searchParams.get("state") ?? "open";
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const selected = issues.filter((issue) => issue.state === state);
    sendJson(response, 200, selected.slice((page - 1) * perPage, page * perPage));
  };
  return serveExample(handler, { port: options.port, basePath: "/api" });
}

// `tsx examples/run-time-values/server.ts` serves the example API on port 8799 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8799 }),
  (url) => `Repository issues on ${url}/repos/octocat/hello/issues (X-Tenant-Id: ${TENANT})`,
);
