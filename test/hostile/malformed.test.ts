import { afterEach, describe, expect, it } from "vitest";
import { ResponseShapeError } from "../../templates/runtime/errors.js";
import { jsonLinkPaginator } from "../../templates/runtime/paginators/json-link.js";
import { offsetPaginator } from "../../templates/runtime/paginators/offset.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import { startServer, type LoggedRequest, type TestServer } from "../support/http-server.js";
import { errorTexts, findLeak, hostileResource } from "../support/hostile-resource.js";

/**
 * Malformed responses on page 2 (page 1 is fine): each must end the run with a
 * ResponseShapeError naming the resource, the page and the redacted URL, with an
 * excerpt of the body; none may be skipped over as an empty or final page.
 */
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Answer = { status?: number; contentType?: string; body: string };
const json = (value: unknown): Answer => ({ body: JSON.stringify(value) });
const records = (offset: number) => Array.from({ length: 10 }, (_, i) => ({ id: offset + i }));

/** Serves a good first page (offset paging, or a json_link to page 2) and `second(request)` after it. */
async function serve(second: (request: LoggedRequest, base: string) => Answer) {
  const started = await startServer((request, response) => {
    const isFirst = request.query.get("offset") === "0" || (request.query.get("page") === null && request.query.get("offset") === null);
    const answer = isFirst
      ? json({ data: records(0), total: 100, next: `${started.url}/items?page=2` })
      : second(request, started.url);
    response.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" });
    response.end(answer.body);
  });
  return started;
}

async function readAll(paginator: PaginatorFactory, dataSelector = "data") {
  const seen: unknown[] = [];
  try {
    for await (const record of hostileResource(server!.url, { paginator, dataSelector }).records()) seen.push(record);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

function expectShapeError(error: unknown, excerpt: string) {
  expect(error).toBeInstanceOf(ResponseShapeError);
  const shape = error as ResponseShapeError;
  expect(shape).toMatchObject({ resource: "items", page: 2 });
  expect(shape.url).toContain("api_key=***");
  expect(shape.message).toContain("items, page 2");
  expect(shape.message).toContain(shape.url);
  expect(shape.bodyExcerpt).toContain(excerpt);
  expect(shape.problem.length).toBeGreaterThan(0);
  expect(findLeak(errorTexts(error))).toBeUndefined();
}

const offset = offsetPaginator({ limit: 10 });

describe("malformed responses give a typed error naming resource, page and URL", () => {
  it("a 200 with HTML", async () => {
    server = await serve(() => ({ contentType: "text/html", body: "<html><body>Maintenance</body></html>" }));
    const { seen, error } = await readAll(offset);
    expect(seen).toHaveLength(10);
    expectShapeError(error, "<html>");
    expect((error as ResponseShapeError).problem).toContain("text/html");
  });

  it("a 200 with truncated JSON (the connection was not cut: the server sent it so)", async () => {
    server = await serve(() => ({ body: JSON.stringify({ data: records(10), total: 100 }).slice(0, 60) }));
    const { seen, error } = await readAll(offset);
    expect(seen).toHaveLength(10);
    expectShapeError(error, '{"data":[{"id":10}');
  });

  it("a paginator field of the wrong type (total is a word)", async () => {
    server = await serve(() => json({ data: records(10), total: "many" }));
    const { error } = await readAll(offset);
    expectShapeError(error, '"total":"many"');
    expect((error as ResponseShapeError).problem).toMatch(/total_path "total" is "many"/);
  });

  it("a next link of the wrong type", async () => {
    server = await serve(() => json({ data: records(10), next: 42 }));
    const { error } = await readAll(jsonLinkPaginator());
    expectShapeError(error, '"next":42');
  });

  it("a body that is a JSON string, not an object: dlt's rule, one non-list value is one record", async () => {
    // dlt (extract_response): a single match that is not a list is one record; so is a scalar.
    server = await serve(() => json({ data: { id: 10 }, total: 11 }));
    const { seen, error } = await readAll(offset);
    expect(error).toBeUndefined();
    expect(seen).toEqual([...records(0), { id: 10 }]);
  });

  it("a next link that is not a URL, echoing the request URL with its key: the key is redacted", async () => {
    server = await serve((request) => json({ data: records(10), next: { url: request.url } }));
    const { error } = await readAll(jsonLinkPaginator({ next_url_path: "next" }));
    expect(findLeak(errorTexts(error))).toBeUndefined();
  });

  it("an empty 200 body", async () => {
    server = await serve(() => ({ body: "" }));
    const { seen, error } = await readAll(offset);
    expect(seen).toHaveLength(10);
    expectShapeError(error, "");
  });

  it("a data_selector that finds nothing", async () => {
    server = await serve(() => json({ results: records(10), total: 100 }));
    const { seen, error } = await readAll(offset);
    expect(seen).toHaveLength(10);
    expectShapeError(error, '"results"');
  });

  it("a next link to another host", async () => {
    server = await serve(() => json({ data: records(10), next: "http://evil.example/steal" }));
    const { error } = await readAll(jsonLinkPaginator());
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).problem).toContain("another host");
  });
});
