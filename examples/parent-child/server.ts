import { serveExample, sendJson, type ExampleHandler } from "../example-server.js";

export const TOKEN = "tracker-token";

/** Five open issues; issue 3 is deleted (its comments answer 404); each issue has `number` comments. */
export const issues = [1, 2, 3, 4, 5].map((number) => ({
  id: 100 + number,
  number,
  title: `Issue ${number}`,
  state: "open",
  assignee: number % 2 === 0 ? `user${number}` : null,
}));

export function commentsOf(number: number) {
  return Array.from({ length: number }, (_, index) => ({ id: number * 10 + index, body: `Comment ${index} on ${number}`, author: index === 0 ? null : "someone" }));
}

/**
 * An issue tracker: bearer auth, page-number pagination with `per_page`,
 * `/issues`, `/issues/{n}` and `/issues/{n}/comments` (404 for a deleted issue).
 */
export async function startTrackerServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(response, 401, { error: "unauthorized" });
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 2);
    const pageOf = <T>(all: T[]) => ({ items: all.slice((page - 1) * perPage, page * perPage) });
    const match = /^\/api\/issues(?:\/(\d+)(\/comments)?)?$/.exec(url.pathname);
    if (!match) return sendJson(response, 404, { error: "not found" });
    const [, number, comments] = match;
    if (number === undefined) return sendJson(response, 200, pageOf(issues));
    const issue = issues.find((candidate) => candidate.number === Number(number));
    if (!issue || issue.number === 3) return sendJson(response, 404, { error: "issue deleted" });
    if (comments) return sendJson(response, 200, pageOf(commentsOf(issue.number)));
    return sendJson(response, 200, issue);
  };
  return serveExample(handler, { basePath: "/api", log: (request) => request.url });
}
