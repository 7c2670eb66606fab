import { afterEach, describe, expect, it } from "vitest";
import { offsetPaginator } from "../../../templates/runtime/paginators/offset.js";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index }));

/** An offset API over `total` records; `withTotal` controls whether the body carries the count. */
function offsetApi(total: number, withTotal = true) {
  const all = ids(total);
  return startServer((request, response) => {
    const offset = Number(request.query.get("offset") ?? 0);
    const limit = Number(request.query.get("limit") ?? 10);
    const data = all.slice(offset, offset + limit);
    sendJson(response, withTotal ? { data, total } : { data });
  });
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("offset paginator", () => {
  it("stops when the offset reaches the total: 250 records, limit 100 → offsets 0, 100, 200", async () => {
    server = await offsetApi(250);
    const pages = await collectPages(server.url, { paginator: offsetPaginator({ limit: 100 }), dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(250));
    expect(server.requests.map((request) => request.query.toString())).toEqual([
      "offset=0&limit=100",
      "offset=100&limit=100",
      "offset=200&limit=100",
    ]);
  });

  it("stops after an empty page when there is no total", async () => {
    server = await offsetApi(20, false);
    const pages = await collectPages(server.url, {
      paginator: offsetPaginator({ limit: 10, total_path: null }),
      dataSelector: "data",
    });
    expect(pages.map((page) => page.records.length)).toEqual([10, 10, 0]);
    expect(server.requests).toHaveLength(3);
  });

  it("treats maximum_offset as exclusive", async () => {
    server = await offsetApi(1000);
    await collectPages(server.url, { paginator: offsetPaginator({ limit: 10, maximum_offset: 30 }), dataSelector: "data" });
    expect(server.requests.map((request) => request.query.get("offset"))).toEqual(["0", "10", "20"]);
  });

  it("uses custom parameter names and a start offset", async () => {
    server = await startServer((request, response) => {
      const skip = Number(request.query.get("skip"));
      sendJson(response, { items: skip >= 30 ? [] : [{ id: skip }], count: "35" });
    });
    const pages = await collectPages(server.url, {
      paginator: offsetPaginator({ limit: 10, offset: 10, offset_param: "skip", limit_param: "take", total_path: "count" }),
      dataSelector: "items",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 10 }, { id: 20 }]);
    expect(server.requests.map((request) => request.query.toString())).toEqual(["skip=10&take=10", "skip=20&take=10", "skip=30&take=10"]);
  });

  it("lets has_more_path override the total", async () => {
    server = await startServer((request, response) => {
      const offset = Number(request.query.get("offset"));
      sendJson(response, { data: [{ id: offset }], total: 1, more: offset < 20 ? "yes" : "no" });
    });
    await collectPages(server.url, {
      paginator: offsetPaginator({ limit: 10, has_more_path: "more" }),
      dataSelector: "data",
    });
    expect(server.requests.map((request) => request.query.get("offset"))).toEqual(["0", "10", "20"]);
  });

  it("writes offset and limit into the JSON body with *_body_path", async () => {
    server = await startServer((request, response) => {
      const { page } = JSON.parse(request.body) as { page: { from: number; size: number } };
      sendJson(response, { data: page.from >= 4 ? [] : [{ id: page.from }, { id: page.from + 1 }], total: null });
    });
    const pages = await collectPages(server.url, {
      method: "POST",
      json: { filter: "all" },
      paginator: offsetPaginator({ limit: 2, offset_body_path: "page.from", limit_body_path: "page.size", total_path: null }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(4));
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { filter: "all", page: { from: 0, size: 2 } },
      { filter: "all", page: { from: 2, size: 2 } },
      { filter: "all", page: { from: 4, size: 2 } },
    ]);
  });

  it("fails with a ResponseShapeError naming the page when the total is missing", async () => {
    server = await offsetApi(30, false);
    const run = collectPages(server.url, { paginator: offsetPaginator({ limit: 10 }), dataSelector: "data" });
    await expect(run).rejects.toThrow(ResponseShapeError);
    await expect(run).rejects.toThrow(/items, page 1 .*total_path "total" not found/);
  });
});
