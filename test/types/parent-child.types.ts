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
