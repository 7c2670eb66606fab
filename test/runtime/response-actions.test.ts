import { afterEach, describe, expect, it } from "vitest";
import { createIgnoreMatcher } from "../../templates/runtime/response-actions.js";
import { singlePagePaginator } from "../../templates/runtime/paginators/single-page.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";
import { createHttpClient } from "../../templates/runtime/client.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { createResource } from "../../templates/runtime/resource.js";

describe("response_actions matching", () => {
  const matcher = createIgnoreMatcher([
    { status_code: 404, action: "ignore" },
    { status_code: 200, content: "no results", action: "ignore" },
    { content: "maintenance", action: "ignore" },
  ])!;
  it.each([
    [404, "anything", true],
    [200, '{"message": "no results"}', true],
    [200, '{"data": []}', false],
    [503, "down for maintenance", true],
    [500, "error", false],
  ])("status %i with body %j → ignored: %s", (status, body, expected) => {
    expect(matcher(status, body)).toBe(expected);
  });

  it("has nothing to match without actions", () => {
    expect(createIgnoreMatcher([])).toBeUndefined();
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("response_actions in a resource", () => {
  it("an ignored 503 is neither retried nor an error: the resource just has no records", async () => {
    server = await startServer((_request, response) => sendJson(response, { error: "maintenance" }, 503));
    const client = createHttpClient({ redact: createRedactor([]), retry: { initialDelayMs: 1 } });
    const resource = createResource<unknown, object>(
      client,
      {
        name: "items",
        baseUrl: server.url,
        path: "/items",
        method: "GET",
        params: {},
        headers: {},
        paginator: singlePagePaginator(),
        responseActions: [{ content: "maintenance", action: "ignore" }],
      },
      {},
    );
    const records = [];
    for await (const record of resource.records()) records.push(record);
    expect(records).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
