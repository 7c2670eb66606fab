import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { cursorPaginator } from "../../../templates/runtime/paginators/cursor.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

/** Serves `bodies[n]` for the request whose cursor (read by `readCursor`) is `n`, the first request having none. */
function cursorApi(bodies: Record<string, unknown>, readCursor = (query: URLSearchParams) => query.get("cursor")) {
  return startServer((request, response) => {
    const key = readCursor(request.query) ?? "first";
    if (!(key in bodies)) sendJson(response, { error: `unknown cursor ${key}` }, 400);
    else sendJson(response, bodies[key]);
  });
}

const queries = (server: TestServer) => server.requests.map((request) => request.query.toString());

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("cursor paginator", () => {
  it("reads cursors.next and sends it as `cursor`, keeping the other params", async () => {
    server = await cursorApi({
      first: { data: [{ id: 1 }, { id: 2 }], cursors: { next: "b" } },
      b: { data: [{ id: 3 }, { id: 4 }], cursors: { next: "c" } },
      c: { data: [{ id: 5 }], cursors: { next: null } },
    });
    const pages = await collectPages(server.url, { paginator: cursorPaginator({}), params: { limit: 2 }, dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual([1, 2, 3, 4, 5].map((id) => ({ id })));
    expect(queries(server)).toEqual(["limit=2", "limit=2&cursor=b", "limit=2&cursor=c"]);
  });

  it.each([
    ["null", { next: null }],
    ["missing", {}],
    ["an empty string", { next: "" }],
    ["0", { next: 0 }],
    ["false", { next: false }],
    ["an empty list", { next: [] }],
    ["an empty object", { next: {} }],
  ])("stops when the cursor is %s", async (_name, cursors) => {
    server = await cursorApi({ first: { data: [{ id: 1 }], cursors } });
    const pages = await collectPages(server.url, { paginator: cursorPaginator(), dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }]);
    expect(queries(server)).toEqual([""]);
  });

  it("uses cursor_path and cursor_param, and sends numeric cursors as numbers", async () => {
    server = await cursorApi(
      {
        first: { items: [{ id: 1 }], meta: { "next.token": 17 } },
        17: { items: [{ id: 2 }], meta: { "next.token": null } },
      },
      (query) => query.get("after"),
    );
    const pages = await collectPages(server.url, {
      paginator: cursorPaginator({ cursor_path: "meta['next.token']", cursor_param: "after" }),
      dataSelector: "items",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(queries(server)).toEqual(["", "after=17"]);
  });

  it("keeps going over an empty page by default (stop_after_empty_page is false)", async () => {
    server = await cursorApi({
      first: { data: [], cursors: { next: "b" } },
      b: { data: [{ id: 1 }], cursors: {} },
    });
    const pages = await collectPages(server.url, { paginator: cursorPaginator(), dataSelector: "data" });
    expect(pages.map((page) => page.records.length)).toEqual([0, 1]);
    expect(queries(server)).toEqual(["", "cursor=b"]);
  });

  it("stops on an empty page with stop_after_empty_page, even with a cursor and has_more true", async () => {
    server = await cursorApi({
      first: { data: [{ id: 1 }], cursors: { next: "b" }, more: true },
      b: { data: [], cursors: { next: "c" }, more: true },
    });
    await collectPages(server.url, {
      paginator: cursorPaginator({ stop_after_empty_page: true, has_more_path: "more" }),
      dataSelector: "data",
    });
    expect(queries(server)).toEqual(["", "cursor=b"]);
  });

  it("lets has_more_path override the cursor: false stops despite a cursor", async () => {
    server = await cursorApi({
      first: { data: [{ id: 1 }], cursors: { next: "b" }, has_more: "True" },
      b: { data: [{ id: 2 }], cursors: { next: "c" }, has_more: "n" },
    });
    const pages = await collectPages(server.url, {
      paginator: cursorPaginator({ has_more_path: "has_more" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(queries(server)).toEqual(["", "cursor=b"]);
  });

  it("lets has_more_path override the cursor: true goes on without one, dropping the parameter", async () => {
    const bodies = [
      { data: [{ id: 1 }], cursors: { next: "a" }, has_more: true },
      { data: [{ id: 2 }], cursors: { next: null }, has_more: true },
      { data: [{ id: 3 }], has_more: false },
    ];
    server = await startServer((_request, response) => sendJson(response, bodies[(server?.requests.length ?? 1) - 1]));
    const pages = await collectPages(server.url, {
      params: { page: "x" },
      paginator: cursorPaginator({ has_more_path: "has_more" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(queries(server)).toEqual(["page=x", "page=x&cursor=a", "page=x"]);
  });

  it("fails with a ResponseShapeError when has_more_path is missing", async () => {
    server = await cursorApi({ first: { data: [{ id: 1 }], cursors: { next: "b" } } });
    const run = collectPages(server.url, { paginator: cursorPaginator({ has_more_path: "has_more" }), dataSelector: "data" });
    await expect(run).rejects.toThrow(ResponseShapeError);
    await expect(run).rejects.toThrow(/has_more_path "has_more" not found/);
  });

  it("fails when has_more_path holds something that is not a boolean", async () => {
    server = await cursorApi({ first: { data: [{ id: 1 }], cursors: { next: "b" }, has_more: 1 } });
    const run = collectPages(server.url, { paginator: cursorPaginator({ has_more_path: "has_more" }), dataSelector: "data" });
    await expect(run).rejects.toThrow(/has_more_path "has_more" is 1, expected a boolean/);
  });

  it("writes the cursor into the JSON body with cursor_body_path, sending no query parameter", async () => {
    server = await startServer((request, response) => {
      const body = JSON.parse(request.body) as { page?: { after?: string } };
      const after = body.page?.after;
      if (after === undefined) sendJson(response, { data: [{ id: 1 }], next_cursor: "p2" });
      else if (after === "p2") sendJson(response, { data: [{ id: 2 }], next_cursor: "p3" });
      else sendJson(response, { data: [{ id: 3 }], next_cursor: null });
    });
    const pages = await collectPages(server.url, {
      method: "POST",
      json: { filter: { state: "open" } },
      paginator: cursorPaginator({ cursor_path: "next_cursor", cursor_body_path: "page.after" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(queries(server)).toEqual(["", "", ""]);
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { filter: { state: "open" } },
      { filter: { state: "open" }, page: { after: "p2" } },
      { filter: { state: "open" }, page: { after: "p3" } },
    ]);
  });
});
