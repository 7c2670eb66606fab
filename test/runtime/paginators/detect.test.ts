import { describe, expect, it } from "vitest";
import { detectPaginator } from "../../../templates/runtime/paginators/detect.js";

const detect = (body: unknown, headers: Record<string, string> = {}) => {
  const { type, options } = detectPaginator({ body, headers: new Headers(headers), url: "http://api.test/items" });
  return { type, options };
};

describe("detectPaginator", () => {
  it.each<[string, unknown, Record<string, string>, string, Record<string, string>]>([
    // header_link comes first, whatever the body says.
    ["a Link rel=next", [], { link: '</items?page=2>; rel="next"' }, "header_link", {}],
    [
      "a Link rel=next over a next URL in the body",
      { next: "/p2", total_pages: 3 },
      { link: "<https://x.test/2>; rel=next" },
      "header_link",
      {},
    ],
    ["a Link without rel=next", { data: [] }, { link: '</items?page=1>; rel="first"' }, "single_page", {}],

    // json_link: a "next" key holding a string that starts with http or /.
    ["an absolute next URL", { data: [], next: "https://x.test/items?page=2" }, {}, "json_link", { next_url_path: "next" }],
    ["a next path", { next: "/items?page=2" }, {}, "json_link", { next_url_path: "next" }],
    ["a nested next URL", { links: { self: "/a", next: "/b" } }, {}, "json_link", { next_url_path: "links.next" }],
    ["next.href", { next: { href: "/b" } }, {}, "json_link", { next_url_path: "next.href" }],
    ["next.url", { next: { method: "GET", url: "http://x.test/b" } }, {}, "json_link", { next_url_path: "next.url" }],
    ["a sub-key starting with href", { next: { href_full: "/b" } }, {}, "json_link", { next_url_path: "next.href_full" }],
    ["a key starting with next, any case", { NextPageLink: "/b" }, {}, "json_link", { next_url_path: "NextPageLink" }],
    ["next_page_url", { meta: { next_page_url: "http://x.test/2" } }, {}, "json_link", { next_url_path: "meta.next_page_url" }],
    ["a null next, then a nested one", { next: null, paging: { next: "/b" } }, {}, "json_link", { next_url_path: "paging.next" }],
    [
      "a next object without a link, searched inside",
      { next: { nextLink: "/b" } },
      {},
      "json_link",
      { next_url_path: "next.nextLink" },
    ],
    ["a next URL beating a page count", { total_pages: 3, next: "/b" }, {}, "json_link", { next_url_path: "next" }],

    // page_number: total_pages / pages / totalpages, any case, with an int()-able value.
    ["total_pages", { data: [], total_pages: 3 }, {}, "page_number", { total_path: "total_pages" }],
    ["pages as a string", { pages: " 4 " }, {}, "page_number", { total_path: "pages" }],
    ["a nested totalPages", { meta: { page: 1, totalPages: 2 } }, {}, "page_number", { total_path: "meta.totalPages" }],
    ["TOTAL_PAGES", { TOTAL_PAGES: 2.5 }, {}, "page_number", { total_path: "TOTAL_PAGES" }],
    ["a page count beating a cursor", { next: "abc", total_pages: 3 }, {}, "page_number", { total_path: "total_pages" }],
    [
      "a page count after a non-scalar one",
      { pages: [1, 2], meta: { pages: 2 } },
      {},
      "page_number",
      { total_path: "meta.pages" },
    ],

    // cursor: a "next" key whose value is not a URL.
    ["a next cursor token", { items: [], next_cursor: "dXNlcjoxMjM=" }, {}, "cursor", { cursor_path: "next_cursor" }],
    ["a nested next token", { cursors: { before: "a", next: "b" } }, {}, "cursor", { cursor_path: "cursors.next" }],
    ["nextPageToken", { nextPageToken: "CAoQAA" }, {}, "cursor", { cursor_path: "nextPageToken" }],
    ["a numeric next", { next: 200 }, {}, "cursor", { cursor_path: "next" }],
    ["a numeric next.href", { next: { href: 2 } }, {}, "cursor", { cursor_path: "next.href" }],
    ["a URL in capitals (only `http` counts)", { next: "HTTPS://x.test/2" }, {}, "cursor", { cursor_path: "next" }],
    ["a boolean next (a Python int)", { next: false }, {}, "cursor", { cursor_path: "next" }],
    [
      "a page count int() refuses, then a cursor",
      { total_pages: "3.0", next: "b", meta: { pages: 3 } },
      {},
      "cursor",
      { cursor_path: "next" },
    ],

    // single_page: nothing found.
    ["a list body", [{ id: 1 }, { next: "/b" }], {}, "single_page", {}],
    ["next inside an array", { data: [{ next: "/b" }] }, {}, "single_page", {}],
    ["a null next", { data: [], next: null }, {}, "single_page", {}],
    ["a next object without a scalar link", { next: { href: null } }, {}, "single_page", {}],
    ["a key containing next later", { has_next: true, page_count: 4 }, {}, "single_page", {}],
    ["a scalar body", "ok", {}, "single_page", {}],
    ["an empty body", null, {}, "single_page", {}],
  ])("%s", (_name, body, headers, type, options) => {
    expect(detect(body, headers)).toEqual({ type, options });
  });
});
