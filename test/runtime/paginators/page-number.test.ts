import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { pageNumberPaginator } from "../../../templates/runtime/paginators/page-number.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index }));

/**
 * A page-numbered API over `total` records, `perPage` a page, numbered from `basePage`;
 * `extra` adds fields (a page count, a has-more flag) to each body.
 */
function pagedApi(total: number, perPage: number, basePage: number, extra: (page: number) => object = () => ({})) {
  const all = ids(total);
  return startServer((request, response) => {
    const page = Number(request.query.get("page") ?? basePage);
    const from = (page - basePage) * perPage;
    sendJson(response, { data: all.slice(from, from + perPage), ...extra(page) });
  });
}

const pageParams = (server: TestServer) => server.requests.map((request) => request.query.get("page"));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("page_number paginator", () => {
  it("counts pages from base_page 0 by default and stops at the page total", async () => {
    server = await pagedApi(25, 10, 0, () => ({ total: 3 }));
    const pages = await collectPages(server.url, { paginator: pageNumberPaginator({}), dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(25));
    expect(server.requests.map((request) => request.query.toString())).toEqual(["page=0", "page=1", "page=2"]);
  });

  it("stops after the last page with base_page 1: total_pages 3 → pages 1, 2, 3", async () => {
    server = await pagedApi(30, 10, 1, () => ({ meta: { total_pages: "3" } }));
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ base_page: 1, total_path: "meta.total_pages" }),
      params: { per_page: 10 },
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(30));
    expect(server.requests.map((request) => request.query.toString())).toEqual([
      "per_page=10&page=1",
      "per_page=10&page=2",
      "per_page=10&page=3",
    ]);
  });

  it("starts at `page` when given, still counting the total from base_page", async () => {
    server = await pagedApi(40, 10, 1, () => ({ total: 4 }));
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ base_page: 1, page: 3 }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(40).slice(20));
    expect(pageParams(server)).toEqual(["3", "4"]);
  });

  it("stops after an empty page when there is no total, yielding the empty page", async () => {
    server = await pagedApi(25, 10, 1);
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ base_page: 1, total_path: null }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(25));
    expect(pages.map((page) => page.records.length)).toEqual([10, 10, 5, 0]);
    expect(pageParams(server)).toEqual(["1", "2", "3", "4"]);
  });

  it("stops at an empty page even when the total says there are more pages", async () => {
    server = await pagedApi(10, 10, 0, () => ({ total: 100 }));
    await collectPages(server.url, { paginator: pageNumberPaginator(), dataSelector: "data" });
    expect(pageParams(server)).toEqual(["0", "1"]);
  });

  it("treats maximum_page as exclusive: base_page 1, maximum_page 3 → pages 1 and 2", async () => {
    server = await pagedApi(1000, 10, 1);
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ base_page: 1, maximum_page: 3, total_path: null, stop_after_empty_page: false }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(20));
    expect(pageParams(server)).toEqual(["1", "2"]);
  });

  it("keeps paging past empty pages with stop_after_empty_page false", async () => {
    server = await pagedApi(0, 10, 0, () => ({ total: 3 }));
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ stop_after_empty_page: false }),
      dataSelector: "data",
    });
    expect(pages.map((page) => page.records.length)).toEqual([0, 0, 0]);
    expect(pageParams(server)).toEqual(["0", "1", "2"]);
  });

  it("lets has_more_path override the total, in both directions", async () => {
    server = await pagedApi(50, 10, 1, (page) => ({ total: page === 1 ? 1 : 99, has_more: page < 3 ? "true" : false }));
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ base_page: 1, has_more_path: "has_more" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(30));
    expect(pageParams(server)).toEqual(["1", "2", "3"]);
  });

  it("uses a custom page_param", async () => {
    server = await startServer((request, response) => {
      const p = Number(request.query.get("p"));
      sendJson(response, { rows: p < 2 ? [{ id: p }] : [], pages: 10 });
    });
    const pages = await collectPages(server.url, {
      paginator: pageNumberPaginator({ page_param: "p", total_path: "pages" }),
      dataSelector: "rows",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(2));
    expect(server.requests.map((request) => request.query.toString())).toEqual(["p=0", "p=1", "p=2"]);
  });

  it("writes the page into the JSON body with page_body_path, keeping the rest of the body", async () => {
    server = await startServer((request, response) => {
      const { paging } = JSON.parse(request.body) as { paging: { number: number } };
      sendJson(response, { data: [{ id: paging.number }], total: 2 });
    });
    const pages = await collectPages(server.url, {
      method: "POST",
      json: { query: "all" },
      paginator: pageNumberPaginator({ base_page: 1, page_body_path: "paging.number" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((request) => request.query.toString())).toEqual(["", ""]);
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { query: "all", paging: { number: 1 } },
      { query: "all", paging: { number: 2 } },
    ]);
  });

  it("fails with a ResponseShapeError when the default total is missing", async () => {
    server = await pagedApi(30, 10, 0);
    const run = collectPages(server.url, { paginator: pageNumberPaginator(), dataSelector: "data" });
    await expect(run).rejects.toThrow(ResponseShapeError);
    await expect(run).rejects.toThrow(/page 1 .*total_path "total" not found/);
    expect(server.requests).toHaveLength(1);
  });

  it("fails when has_more_path is missing", async () => {
    server = await pagedApi(30, 10, 0);
    const run = collectPages(server.url, {
      paginator: pageNumberPaginator({ total_path: null, has_more_path: "more" }),
      dataSelector: "data",
    });
    await expect(run).rejects.toThrow(/has_more_path "more" not found/);
  });
});
