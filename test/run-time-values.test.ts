import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSource, InvalidConfigValueError, MissingConfigValueError } from "../generated/run-time-values/index.js";
import { repositories, start, TENANT } from "../examples/run-time-values/server.js";
import type { ExampleServer } from "../examples/example-server.js";

/**
 * The committed run-time-values connector against its example API: owner, repo and the
 * tenant header come from `createSource({ config })` or the environment, the rest from
 * the config's defaults; what is missing is named in one error.
 */
let server: ExampleServer;
const ENVIRONMENT = ["OWNER", "REPO", "X_TENANT_ID", "PER_PAGE", "STATE"];

beforeAll(async () => {
  server = await start();
});
afterEach(() => {
  for (const name of ENVIRONMENT) delete process.env[name];
  server.requests.length = 0;
});
afterAll(async () => {
  await server?.close();
});

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

const paths = () => server.requests.map((request) => `${request.method} ${request.url}`);

describe("run-time values", () => {
  it("fill path placeholders, query params, headers and the JSON body from createSource({ config })", async () => {
    const source = createSource({ baseUrl: server.url, config: { owner: "octocat", repo: "hello", x_tenant_id: TENANT } });
    const issues = await collect(source.resources.issues.records());
    expect(issues.map((issue) => issue.id)).toEqual([1, 2, 3, 5]);
    expect(paths()).toEqual([
      "GET /api/repos/octocat/hello/issues?state=open&per_page=2&page=1",
      "GET /api/repos/octocat/hello/issues?state=open&per_page=2&page=2",
      "GET /api/repos/octocat/hello/issues?state=open&per_page=2&page=3",
    ]);
    expect(server.requests.every((request) => request.headers["x-tenant-id"] === TENANT)).toBe(true);
    const labelled = await collect(source.resources.labelled_issues.records());
    expect(labelled.map((issue) => issue.id)).toEqual([2, 4]);
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", url: "/api/repos/octocat/hello/search", body: JSON.stringify({ label: "bug" }) });
  });

  it("are read from the environment when not passed, typed as the spec says, and passed ones win", async () => {
    Object.assign(process.env, { OWNER: "octocat", REPO: "hello", X_TENANT_ID: TENANT, PER_PAGE: "10" });
    const closed = await collect(createSource({ baseUrl: server.url, config: { state: "closed" } }).resources.issues.records());
    expect(closed.map((issue) => issue.id)).toEqual([4]);
    // The page-number paginator has no total here: it stops at the first empty page.
    expect(paths()).toEqual([
      "GET /api/repos/octocat/hello/issues?state=closed&per_page=10&page=1",
      "GET /api/repos/octocat/hello/issues?state=closed&per_page=10&page=2",
    ]);
  });

  it("are URL-encoded in the path, so a value cannot add a segment", async () => {
    const source = createSource({ baseUrl: server.url, config: { owner: "a/b c", repo: "hello", x_tenant_id: TENANT } });
    expect((await collect(source.resources.issues.records())).map((issue) => issue.id)).toEqual(repositories["a/b c/hello"]!.map((issue) => issue.id));
    expect(paths()[0]).toBe("GET /api/repos/a%2Fb%20c/hello/issues?state=open&per_page=2&page=1");
  });

  it("that are missing are named together, with both ways to give them, when a resource that needs them is read", async () => {
    // Creating the source needs none of them: a source may be used for the resources whose values were given.
    const source = createSource({ baseUrl: server.url, config: { repo: "hello" } });
    const error = await collect(source.resources.issues.records()).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(MissingConfigValueError);
    expect((error as MissingConfigValueError).names).toEqual(["owner", "x_tenant_id"]);
    expect((error as MissingConfigValueError).message).toBe(
      'Missing run-time values "owner", "x_tenant_id": pass them as createSource({ config: { "owner": "...", "x_tenant_id": "..." } }) ' +
        "or set the environment variables OWNER, X_TENANT_ID.",
    );
    expect(server.requests).toEqual([]);
  });

  it("from the environment that cannot be what the spec allows are refused, naming the variable", () => {
    Object.assign(process.env, { OWNER: "octocat", REPO: "hello", X_TENANT_ID: TENANT, PER_PAGE: "ten" });
    expect(() => createSource({})).toThrow(new InvalidConfigValueError("config.per_page", 'the environment variable PER_PAGE: expected a number, got "ten"'));
    process.env["PER_PAGE"] = "5";
    process.env["STATE"] = "all";
    expect(() => createSource({})).toThrow('the environment variable STATE: expected one of "open", "closed", got "all"');
  });
});
