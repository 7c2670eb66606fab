import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

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
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "POST" || url.pathname !== "/v1/databases/tasks/query") return sendJson(response, 404, { object: "error", code: "not_found" });
    if (request.headers.authorization !== `Bearer ${secrets.tasks_token}`) return sendJson(response, 401, { object: "error", code: "unauthorized" });
    if (request.headers["tasks-version"] === undefined) return sendJson(response, 400, { object: "error", code: "missing_version" });
    let query: Query;
    try {
      query = JSON.parse(request.body) as Query;
    } catch {
      return sendJson(response, 400, { object: "error", code: "invalid_json" });
    }
    const pageSize = query.page_size ?? 100;
    if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      return sendJson(response, 400, { object: "error", code: "validation_error" });
    }
    const { filter } = query;
    const matching =
      filter === undefined
        ? tasks
        : tasks.filter((task) => (task as unknown as Record<string, unknown>)[String(filter.property)] === filter.equals);
    // The cursor names the first task of the next page; an unknown one is an error, not an empty page.
    const from = query.start_cursor === undefined ? 0 : matching.findIndex((task) => task.id === query.start_cursor);
    if (from < 0) return sendJson(response, 400, { object: "error", code: "invalid_cursor" });
    const page = matching.slice(from, from + pageSize);
    const next = matching[from + pageSize];
    sendJson(response, 200, { object: "list", results: page, next_cursor: next?.id ?? null, has_more: next !== undefined });
  };
  return serveExample(handler, { port: options.port, basePath: "/v1" });
}

// `tsx examples/cursor-body/server.ts` serves the example API on port 8793 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8793 }),
  (url) => `Tasks API on ${url}/databases/tasks/query (Authorization: Bearer ${secrets.tasks_token})`,
);
