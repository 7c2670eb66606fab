import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { jsonLinkPaginator, jsonResponsePaginator } from "../../../templates/runtime/paginators/json-link.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index }));

/**
 * An API over 5 records, 2 a page, the page number in `?page=` (1 when absent).
 * `shape(next, host)` builds each body's non-data part from the next page's link
 * (`null` on the last page, written by `link`).
 */
function linkedApi(
  shape: (next: string | null) => object,
  link: (page: number, host: string) => string = (page, host) => `http://${host}/items?page=${page}`,
) {
  const all = ids(5);
  return startServer((request, response) => {
    const page = Number(request.query.get("page") ?? 1);
    const next = page * 2 < all.length ? link(page + 1, request.headers.host ?? "") : null;
    sendJson(response, { data: all.slice((page - 1) * 2, page * 2), ...shape(next) });
  });
}

const urls = (server: TestServer) => server.requests.map((request) => request.url);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("json_link paginator", () => {
  it("follows an absolute next URL, clearing the configured query parameters", async () => {
    server = await linkedApi((next) => ({ next }));
    const pages = await collectPages(server.url, {
      paginator: jsonLinkPaginator(),
      params: { state: "open", per_page: 2 },
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items?state=open&per_page=2", "/items?page=2", "/items?page=3"]);
  });

  it.each([
    ["an absolute path", (page: number) => `/items?page=${page}`, "/items?page="],
    ["a query only", (page: number) => `?page=${page}`, "/items?page="],
    ["a relative path", (page: number) => `other?page=${page}`, "/other?page="],
    ["a scheme-relative URL", (page: number, host: string) => `//${host}/v2/items?page=${page}`, "/v2/items?page="],
  ])("resolves %s against the current request URL", async (_name, link, prefix) => {
    server = await linkedApi((next) => ({ next }), link);
    const pages = await collectPages(server.url, { paginator: jsonLinkPaginator({}), params: { x: 1 }, dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items?x=1", `${prefix}2`, `${prefix}3`]);
  });

  it.each([
    ["a dotted path", "links.next", (next: string | null) => ({ links: { next, prev: null } })],
    ["a $-rooted path", "$.paging.next.href", (next: string | null) => ({ paging: { next: { href: next } } })],
    ["a bracket-quoted key", "$['@odata.nextLink']", (next: string | null) => ({ "@odata.nextLink": next })],
  ])("reads next_url_path given as %s", async (_name, path, shape) => {
    server = await linkedApi(shape);
    const pages = await collectPages(server.url, { paginator: jsonLinkPaginator({ next_url_path: path }), dataSelector: "data" });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });

  it.each([
    ["is null", (next: string | null) => ({ next })],
    ["is missing", (next: string | null) => (next === null ? {} : { next })],
  ])("stops when the next link %s", async (_name, shape) => {
    server = await linkedApi(shape);
    await collectPages(server.url, { paginator: jsonLinkPaginator(), dataSelector: "data" });
    expect(urls(server)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });

  it.each([
    ["an empty string", "", /next_url_path "next" is "", expected a URL or null/],
    ["a number", 2, /next_url_path "next" is 2, expected a URL or null/],
  ])("fails with a ResponseShapeError when the next link is %s", async (_name, next, message) => {
    server = await startServer((_request, response) => sendJson(response, { data: [{ id: 0 }], next }));
    const run = collectPages(server.url, { paginator: jsonLinkPaginator(), dataSelector: "data" });
    await expect(run).rejects.toThrow(ResponseShapeError);
    await expect(run).rejects.toThrow(message);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the method and JSON body on every request", async () => {
    server = await linkedApi(
      (next) => ({ next }),
      (page) => `/items?page=${page}`,
    );
    await collectPages(server.url, {
      method: "POST",
      json: { filter: { tag: "a" } },
      paginator: jsonLinkPaginator(),
      dataSelector: "data",
    });
    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ["POST", "/items", '{"filter":{"tag":"a"}}'],
      ["POST", "/items?page=2", '{"filter":{"tag":"a"}}'],
      ["POST", "/items?page=3", '{"filter":{"tag":"a"}}'],
    ]);
  });

  it("is also available as the deprecated json_response", async () => {
    server = await linkedApi((next) => ({ meta: { next } }));
    const pages = await collectPages(server.url, {
      paginator: jsonResponsePaginator({ next_url_path: "meta.next" }),
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });
});

describe("json_link next links to another host", () => {
  it("refuses to follow them, naming the host, so credentials never leave the API's origin", async () => {
    const api = await startServer((_request, response) => sendJson(response, { data: [{ id: 1 }], next: "http://127.0.0.2:9/steal" }));
    try {
      const run = collectPages(api.url, { paginator: jsonLinkPaginator(), dataSelector: "data" });
      await expect(run).rejects.toThrow(/next page link points to another host \(http:\/\/127\.0\.0\.2:9/);
      expect(api.requests).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
