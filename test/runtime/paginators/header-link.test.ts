import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../../templates/runtime/errors.js";
import { headerLinkPaginator, parseLinkHeader } from "../../../templates/runtime/paginators/header-link.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index }));

/**
 * An API over 5 records, 2 a page, the page number in `?page=` (1 when absent);
 * `link(page, host)` writes the `Link` header for a page, or `undefined` for none.
 */
function linkedApi(link: (page: number, host: string) => string | undefined) {
  const all = ids(5);
  return startServer((request, response) => {
    const page = Number(request.query.get("page") ?? 1);
    const header = link(page, request.headers.host ?? "");
    sendJson(response, all.slice((page - 1) * 2, page * 2), 200, header === undefined ? {} : { link: header });
  });
}

/** GitHub's style: absolute URLs, `next` and `last`, then `prev` and `first` once past page 1. */
const githubLinks = (page: number, host: string) => {
  const url = (n: number) => `<http://${host}/items?per_page=2&page=${n}>`;
  const links = [];
  if (page < 3) links.push(`${url(page + 1)}; rel="next"`, `${url(3)}; rel="last"`);
  if (page > 1) links.push(`${url(page - 1)}; rel="prev"`, `${url(1)}; rel="first"`);
  return links.join(", ");
};

const urls = (server: TestServer) => server.requests.map((request) => request.url);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("header_link paginator", () => {
  it("follows rel=next until the Link header has none, clearing the configured query parameters", async () => {
    server = await linkedApi(githubLinks);
    const pages = await collectPages(server.url, { paginator: headerLinkPaginator(), params: { per_page: 2, state: "all" } });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items?per_page=2&state=all", "/items?per_page=2&page=2", "/items?per_page=2&page=3"]);
  });

  it("stops when the response has no Link header at all", async () => {
    server = await linkedApi((page) => (page < 2 ? `</items?page=${page + 1}>; rel="next"` : undefined));
    const pages = await collectPages(server.url, { paginator: headerLinkPaginator({}) });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(4));
    expect(urls(server)).toEqual(["/items", "/items?page=2"]);
  });

  it.each([
    ["unquoted", (next: string) => `<${next}>;rel=next`],
    ["one of several relations", (next: string) => `<${next}>; rel="last next"`],
    ["in capitals", (next: string) => `<${next}> ; REL="Next"`],
    ["after a link whose title has commas", (next: string) => `</items>; title="a, <b>; rel=\\"next\\"", <${next}>; rel="next"`],
  ])("finds rel=next written %s, resolving relative links", async (_name, header) => {
    server = await linkedApi((page) => (page < 3 ? header(`?page=${page + 1}`) : '</items?page=1>; rel="first"'));
    const pages = await collectPages(server.url, { paginator: headerLinkPaginator() });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });

  it("follows the relation named by links_next_key instead", async () => {
    server = await linkedApi((page) =>
      page < 3 ? `</items?page=${page + 1}>; rel="successor", </items?page=99>; rel="next"` : `</items?page=99>; rel="next"`,
    );
    const pages = await collectPages(server.url, { paginator: headerLinkPaginator({ links_next_key: "successor" }) });
    expect(pages.flatMap((page) => page.records)).toEqual(ids(5));
    expect(urls(server)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });

  it("keeps the method and JSON body on every request", async () => {
    server = await linkedApi((page) => (page < 2 ? `</items?page=2>; rel="next"` : undefined));
    await collectPages(server.url, { method: "POST", json: { q: 1 }, paginator: headerLinkPaginator() });
    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ["POST", "/items", '{"q":1}'],
      ["POST", "/items?page=2", '{"q":1}'],
    ]);
  });

  it("fails rather than re-fetching the same page forever when the next link is empty", async () => {
    server = await linkedApi(() => '<>; rel="next"');
    const run = collectPages(server.url, { paginator: headerLinkPaginator() });
    await expect(run).rejects.toThrow(ResponseShapeError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("parseLinkHeader", () => {
  it.each([
    ["one link", '<https://x.test/a?page=2>; rel="next"', [{ url: "https://x.test/a?page=2", rels: ["next"] }]],
    [
      "several links",
      '<https://x.test/?page=2>; rel="next", <https://x.test/?page=9>; rel="last"',
      [
        { url: "https://x.test/?page=2", rels: ["next"] },
        { url: "https://x.test/?page=9", rels: ["last"] },
      ],
    ],
    ["a token rel and extra params", "</a>; type=text/html; rel=next; hreflang=en", [{ url: "/a", rels: ["next"] }]],
    ["several relations, lower-cased", '</a>; rel="Next  LAST"', [{ url: "/a", rels: ["next", "last"] }]],
    ["only the first rel counting", '</a>; rel="prev"; rel="next"', [{ url: "/a", rels: ["prev"] }]],
    ["no rel", "</a>; title=x", [{ url: "/a", rels: [] }]],
    ["commas and escaped quotes in a quoted param", '</a>; title="x, \\"<y>\\""; rel="next"', [{ url: "/a", rels: ["next"] }]],
    ["commas inside the URL", '</a?ids=1,2,3>; rel="next"', [{ url: "/a?ids=1,2,3", rels: ["next"] }]],
    ["no links", "", []],
    ["garbage", "not a link", []],
  ])("parses %s", (_name, header, links) => {
    expect(parseLinkHeader(header)).toEqual(links);
  });
});
