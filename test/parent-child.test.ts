import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSource } from "../generated/parent-child/index.js";
import { commentsOf, issues, startTrackerServer, TOKEN } from "../examples/parent-child/server.js";

let server: Awaited<ReturnType<typeof startTrackerServer>>;
beforeAll(async () => {
  server = await startTrackerServer();
});
afterAll(() => server.close());

const source = () => createSource({ baseUrl: server.url, secrets: { tracker_token: TOKEN } });

describe("parent/child resources (examples/parent-child)", () => {
  it("requests comments per issue through the path placeholder, in parent order, skipping the 404 issue", async () => {
    server.requests.length = 0;
    const comments = [];
    for await (const comment of source().resources.issue_comments.records()) comments.push(comment);
    const expected = issues
      .filter((issue) => issue.number !== 3)
      .flatMap((issue) => commentsOf(issue.number).map((comment) => ({ ...comment, _issues_title: issue.title })));
    expect(comments).toEqual(expected);
    // Every parent got its own paginated chain (per_page=2 from resource_defaults); issue 3 stopped at its 404.
    const commentRequests = server.requests.filter((url) => url.includes("/comments"));
    // Two fields of the same parent record: one in the path, one in a param.
    expect(commentRequests.filter((url) => url.startsWith("/api/issues/3/"))).toEqual(["/api/issues/3/comments?per_page=2&issue_id=103&page=1"]);
    expect(commentRequests.filter((url) => url.startsWith("/api/issues/5/"))).toEqual([
      "/api/issues/5/comments?per_page=2&issue_id=105&page=1",
      "/api/issues/5/comments?per_page=2&issue_id=105&page=2",
      "/api/issues/5/comments?per_page=2&issue_id=105&page=3",
      "/api/issues/5/comments?per_page=2&issue_id=105&page=4",
    ]);
  });

  it("keeps parent order with a bounded concurrency of 1 as well", async () => {
    const serial = createSource({ baseUrl: server.url, secrets: { tracker_token: TOKEN }, concurrency: 1 });
    const parallel = [];
    for await (const comment of source().resources.issue_comments.records()) parallel.push(comment.id);
    const sequential = [];
    for await (const comment of serial.resources.issue_comments.records()) sequential.push(comment.id);
    expect(parallel).toEqual(sequential);
  });

  it("binds a legacy resolve param into the path, one single-entity request per parent", async () => {
    server.requests.length = 0;
    const details = [];
    for await (const issue of source().resources.issue_detail.records()) details.push(issue);
    expect(details).toEqual(issues.filter((issue) => issue.number !== 3));
    expect(server.requests.filter((url) => /^\/api\/issues\/\d+\?/.test(url) || /^\/api\/issues\/\d+$/.test(url))).toEqual(
      issues.map((issue) => `/api/issues/${issue.number}?per_page=2`),
    );
    expect(source().resources.issue_detail.selected).toBe(false);
  });

  it("streams parents into children: the first comment arrives before the last issue page is requested", async () => {
    server.requests.length = 0;
    // Without look-ahead, so that exactly what the consumer asked for is requested.
    const serial = createSource({ baseUrl: server.url, secrets: { tracker_token: TOKEN }, concurrency: 1, prefetch: 0 });
    const iterator = serial.resources.issue_comments.records();
    await iterator.next();
    await iterator.return(undefined);
    expect(server.requests.filter((url) => url.startsWith("/api/issues?"))).toEqual(["/api/issues?per_page=2&state=open&page=1"]);
  });

  it("with look-ahead, asks for at most one parent page beyond the one in use", async () => {
    server.requests.length = 0;
    const serial = createSource({ baseUrl: server.url, secrets: { tracker_token: TOKEN }, concurrency: 1 });
    const iterator = serial.resources.issue_comments.records();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await iterator.return(undefined);
    const issuePages = server.requests.filter((url) => url.startsWith("/api/issues?"));
    expect(issuePages[0]).toBe("/api/issues?per_page=2&state=open&page=1");
    expect(issuePages.slice(1)).toEqual(issuePages.length > 1 ? ["/api/issues?per_page=2&state=open&page=2"] : []);
  });

  it("takes query param overrides per resource from createSource, typed from the spec", async () => {
    server.requests.length = 0;
    const closed = createSource({ baseUrl: server.url, secrets: { tracker_token: TOKEN }, params: { issues: { state: "closed", per_page: 5 } } });
    for await (const _issue of closed.resources.issues.records());
    expect(server.requests[0]).toBe("/api/issues?per_page=5&state=closed&page=1");
  });
});
