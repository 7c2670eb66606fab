import { createSource, type IssueCommentsWithParent, type Records } from "../../generated/parent-child/index.js";
import { assertType, type Equal } from "./assert.js";

// include_from_parent fields are typed from the parent's record.
assertType<Equal<IssueCommentsWithParent["_issues_title"], string>>();
assertType<Equal<Records["issue_comments"]["author"], string | null | undefined>>();
assertType<Equal<Records["issues"]["state"], "open" | "closed">>();

export async function childRecords(): Promise<void> {
  const source = createSource({ secrets: { tracker_token: "t" } });
  for await (const comment of source.resources.issue_comments.records()) {
    assertType<Equal<typeof comment._issues_title, string>>();
    // @ts-expect-error only included parent fields are added
    comment._issues_state;
  }
}

export function paramOverrides(): void {
  createSource({ secrets: { tracker_token: "t" }, params: { issues: { state: "closed", per_page: 50 } } });
  // @ts-expect-error the spec's enum for state
  createSource({ secrets: { tracker_token: "t" }, params: { issues: { state: "all" } } });
  // @ts-expect-error the spec declares no such query param
  createSource({ secrets: { tracker_token: "t" }, params: { issues: { sort: "created" } } });
  // A resource whose operation declares no query params takes any.
  createSource({ secrets: { tracker_token: "t" }, params: { issue_comments: { anything: ["a", "b"] } } });
}
