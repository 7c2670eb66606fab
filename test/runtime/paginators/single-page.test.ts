import { afterEach, describe, expect, it } from "vitest";
import { singlePagePaginator } from "../../../templates/runtime/paginators/single-page.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { collectPages } from "../../support/run-pages.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("single_page paginator", () => {
  it("sends exactly one request, as configured, even when the response points at more", async () => {
    server = await startServer((_request, response) => {
      sendJson(response, { data: [{ id: 1 }, { id: 2 }], next: "/items?page=2", total_pages: 5 }, 200, {
        link: '</items?page=2>; rel="next"',
      });
    });
    const pages = await collectPages(server.url, {
      paginator: singlePagePaginator(),
      params: { status: "open" },
      dataSelector: "data",
    });
    expect(pages.flatMap((page) => page.records)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((request) => request.url)).toEqual(["/items?status=open"]);
  });

  it("stops after one empty page too", async () => {
    server = await startServer((_request, response) => sendJson(response, []));
    const pages = await collectPages(server.url, { paginator: singlePagePaginator({}) });
    expect(pages.map((page) => page.records)).toEqual([[]]);
    expect(server.requests).toHaveLength(1);
  });
});
