import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

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
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "/");
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: "unauthorized" });
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 2);
    const pageOf = <T>(all: T[]) => ({ items: all.slice((page - 1) * perPage, page * perPage) });
    const match = /^\/api\/issues(?:\/(\d+)(\/comments)?)?$/.exec(url.pathname);
    if (!match) return send(404, { error: "not found" });
    const [, number, comments] = match;
    if (number === undefined) return send(200, pageOf(issues));
    const issue = issues.find((candidate) => candidate.number === Number(number));
    if (!issue || issue.number === 3) return send(404, { error: "issue deleted" });
    if (comments) return send(200, pageOf(commentsOf(issue.number)));
    return send(200, issue);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
