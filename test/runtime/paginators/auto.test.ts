import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { autoPaginator, type AutoPaginator } from "../../../templates/runtime/paginators/auto.js";
import type { RequestSpec } from "../../../templates/runtime/request.js";
import { sendJson, startServer, type LoggedRequest, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index }));
const all = ids(5);
/** Records of page `page` (1-based), 2 a page. */
const slice = (page: number) => all.slice((page - 1) * 2, page * 2);

/** An auto paginator that remembers the paginator it made, to read `detected` after the run. */
function trackedAuto() {
  const made: AutoPaginator[] = [];
  const factory = autoPaginator();
  return {
    made,
    paginator: () => {
      const paginator = factory();
      made.push(paginator);
      return paginator;
    },
  };
}

type Handler = (request: LoggedRequest, response: ServerResponse) => void;

const number = (value: string | null, fallback: number) => (value === null ? fallback : Number(value));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("auto paginator", () => {
  it.each<[string, Handler, string, string, string[]]>([
    [
      "a Link header",
      ({ query }, response) => {
        const page = number(query.get("page"), 1);
        sendJson(response, slice(page), 200, page < 3 ? { link: `</items?page=${page + 1}>; rel="next"` } : {});
      },
      "$",
      "header_link",
      ["/items?limit=2", "/items?page=2", "/items?page=3"],
    ],
    [
      "an absolute next URL in the body",
      ({ query, headers }, response) => {
        const page = number(query.get("page"), 1);
        sendJson(response, { data: slice(page), next: page < 3 ? `http://${headers.host}/items?page=${page + 1}` : null });
      },
      "data",
      "json_link",
      ["/items?limit=2", "/items?page=2", "/items?page=3"],
    ],
    [
      "a nested {next: {href}} in the body",
      ({ query }, response) => {
        const page = number(query.get("page"), 1);
        sendJson(response, { items: slice(page), links: { next: { href: page < 3 ? `/items?page=${page + 1}` : null } } });
      },
      "items",
      "json_link",
      ["/items?limit=2", "/items?page=2", "/items?page=3"],
    ],
    ...(["total_pages", "pages", "totalPages"] as const).map((key): [string, Handler, string, string, string[]] => [
      `a page count under "${key}" (0-based, first request without a page)`,
      ({ query }, response) => {
        const page = number(query.get("page"), 0);
        sendJson(response, { results: slice(page + 1), meta: { [key]: 3 } });
      },
      "results",
      "page_number",
      ["/items?limit=2", "/items?limit=2&page=1", "/items?limit=2&page=2"],
    ]),
    [
      "a next cursor token",
      ({ query }, response) => {
        const page = number(query.get("cursor")?.replace("p", "") ?? null, 1);
        sendJson(response, { data: slice(page), next_cursor: page < 3 ? `p${page + 1}` : null });
      },
      "data",
      "cursor",
      ["/items?limit=2", "/items?limit=2&cursor=p2", "/items?limit=2&cursor=p3"],
    ],
  ])("detects %s and pages through every record once", async (_name, handler, dataSelector, detected, urls) => {
    server = await startServer(handler);
    const auto = trackedAuto();
    const pages = await collectPages(server.url, { paginator: auto.paginator, params: { limit: 2 }, dataSelector });
    expect(auto.made.map((paginator) => paginator.detected)).toEqual([detected]);
    expect(pages.flatMap((page) => page.records)).toEqual(all);
    expect(server.requests.map((request) => request.url)).toEqual(urls);
  });

  it.each<[string, unknown, string]>([
    ["a list body", all, "$"],
    ["an object with no paging keys", { data: all, count: 5 }, "data"],
    ["a null next link", { data: all, next: null }, "data"],
  ])("falls back to single_page for %s", async (_name, body, dataSelector) => {
    server = await startServer((_request, response) => sendJson(response, body));
    const auto = trackedAuto();
    const pages = await collectPages(server.url, { paginator: auto.paginator, dataSelector });
    expect(auto.made.map((paginator) => paginator.detected)).toEqual(["single_page"]);
    expect(pages.flatMap((page) => page.records)).toEqual(all);
    expect(server.requests.map((request) => request.url)).toEqual(["/items"]);
  });

  it("re-fetches page 1 of a 1-based API when it detects page_number, as dlt does", async () => {
    server = await startServer(({ query }, response) => {
      const page = number(query.get("page"), 1);
      sendJson(response, { data: slice(page), total_pages: 2 });
    });
    const auto = trackedAuto();
    const pages = await collectPages(server.url, { paginator: auto.paginator, dataSelector: "data" });
    expect(auto.made[0]?.detected).toBe("page_number");
    expect(pages.map((page) => page.records)).toEqual([slice(1), slice(1)]);
    expect(server.requests.map((request) => request.url)).toEqual(["/items", "/items?page=1"]);
  });

  it("sends the first request untouched and knows nothing before the first response", () => {
    const paginator = autoPaginator()();
    const request: RequestSpec = { method: "GET", url: "http://api.test/items", query: { a: 1 }, headers: {} };
    paginator.initRequest(request);
    expect(request).toEqual({ method: "GET", url: "http://api.test/items", query: { a: 1 }, headers: {} });
    expect(paginator.detected).toBeUndefined();
    expect(paginator.hasNextPage).toBe(true);
  });

  it("follows a detected key that is not a plain name, written as a bracketed path", async () => {
    server = await startServer((request, response) =>
      sendJson(response, { data: all, "next page": request.url === "/items" ? "/items?page=2" : null }),
    );
    const pages = await collectPages(server.url, { paginator: autoPaginator(), dataSelector: "data" });
    expect(pages).toHaveLength(2);
    expect(server.requests.map((request) => request.url)).toEqual(["/items", "/items?page=2"]);
  });
});
