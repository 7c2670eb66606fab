import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** A task as openapi.yaml describes it. */
export interface Task {
  id: string;
  title: string;
  assignee: string | null;
  due_date?: string;
  done: boolean;
  archived: boolean;
}

/** The token this example API accepts, under the connector's secret name. */
export const secrets = { tasks_token: "secret_tasks_9c1d" };

/** 80 deterministic tasks, 10 of them archived: the query's filter leaves 70, pages of 30, 30 and 10. */
export function allTasks(): Task[] {
  return Array.from({ length: 80 }, (_, index) => {
    const task: Task = {
      id: `task-${String(index + 1).padStart(3, "0")}`,
      title: `Task ${index + 1}`,
      assignee: index % 4 === 0 ? null : `user-${index % 3}`,
      done: index % 2 === 0,
      archived: index % 8 === 7,
    };
    if (index % 3 !== 0) task.due_date = `2026-03-${String((index % 28) + 1).padStart(2, "0")}`;
    return task;
  });
}

/** What the connector's query (archived = false) returns, in order. */
export function records(): Task[] {
  return allTasks().filter((task) => !task.archived);
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

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

interface Query {
  page_size?: unknown;
  start_cursor?: unknown;
  filter?: { property?: unknown; equals?: unknown };
}

/**
 * Serves `POST /v1/databases/tasks/query` with a JSON body: `page_size`, an optional
 * `filter` on one boolean property, and `start_cursor` (the previous page's `next_cursor`,
 * a task id) for every page after the first. Bearer token auth; the `Tasks-Version` header is required.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const tasks = allTasks();
  const requests: LoggedRequest[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "POST" || url.pathname !== "/v1/databases/tasks/query") return send(response, 404, { object: "error", code: "not_found" });
    if (request.headers.authorization !== `Bearer ${secrets.tasks_token}`) return send(response, 401, { object: "error", code: "unauthorized" });
    if (request.headers["tasks-version"] === undefined) return send(response, 400, { object: "error", code: "missing_version" });
    let query: Query;
    try {
      query = JSON.parse(body) as Query;
    } catch {
      return send(response, 400, { object: "error", code: "invalid_json" });
    }
    const pageSize = query.page_size ?? 100;
    if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      return send(response, 400, { object: "error", code: "validation_error" });
    }
    const { filter } = query;
    const matching =
      filter === undefined
        ? tasks
        : tasks.filter((task) => (task as unknown as Record<string, unknown>)[String(filter.property)] === filter.equals);
    // The cursor names the first task of the next page; an unknown one is an error, not an empty page.
    const from = query.start_cursor === undefined ? 0 : matching.findIndex((task) => task.id === query.start_cursor);
    if (from < 0) return send(response, 400, { object: "error", code: "invalid_cursor" });
    const page = matching.slice(from, from + pageSize);
    const next = matching[from + pageSize];
    send(response, 200, { object: "list", results: page, next_cursor: next?.id ?? null, has_more: next !== undefined });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `tsx examples/cursor-body/server.ts` serves the example API on port 8793 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await start({ port: 8793 });
  console.log(`Tasks API on ${url}/databases/tasks/query (Authorization: Bearer ${secrets.tasks_token})`);
}
