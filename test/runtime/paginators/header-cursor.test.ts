import { afterEach, describe, expect, it } from "vitest";
import { headerCursorPaginator } from "../../../templates/runtime/paginators/header-cursor.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

/** Serves one record a request; the cursor for the next request (if any) goes in `header`. */
function headerCursorApi(header: string, cursors: Record<string, string | null>, param = "cursor") {
  return startServer((request, response) => {
    const cursor = request.query.get(param) ?? "first";
    const next = cursors[cursor];
    sendJson(response, [{ page: cursor }], 200, next === null || next === undefined ? {} : { [header]: next });
  });
}

const queries = (server: TestServer) => server.requests.map((request) => request.query.toString());

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("header_cursor paginator", () => {
  it("sends the `next` header back as `cursor`, keeping the other params, until the header is absent", async () => {
    server = await headerCursorApi("Next", { first: "b", b: "c", c: null });
    const pages = await collectPages(server.url, { paginator: headerCursorPaginator(), params: { size: 1 } });
    expect(pages.flatMap((page) => page.records)).toEqual([{ page: "first" }, { page: "b" }, { page: "c" }]);
    expect(queries(server)).toEqual(["size=1", "size=1&cursor=b", "size=1&cursor=c"]);
  });

  it("uses cursor_key (looked up in any case) and cursor_param", async () => {
    server = await headerCursorApi("X-Next-Cursor", { first: "abc==", "abc==": null }, "after");
    const pages = await collectPages(server.url, {
      paginator: headerCursorPaginator({ cursor_key: "x-next-CURSOR", cursor_param: "after" }),
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ page: "first" }, { page: "abc==" }]);
    expect(queries(server)).toEqual(["", "after=abc%3D%3D"]);
  });

  it("stops after the first page when the header never comes", async () => {
    server = await headerCursorApi("Next", {});
    await collectPages(server.url, { paginator: headerCursorPaginator() });
    expect(queries(server)).toEqual([""]);
  });

  it("follows an empty header value as a cursor, as dlt does: only absence stops", async () => {
    server = await headerCursorApi("Next", { first: "", "": null });
    await collectPages(server.url, { paginator: headerCursorPaginator() });
    expect(queries(server)).toEqual(["", "cursor="]);
  });
});
