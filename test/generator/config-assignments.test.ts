import { describe, expect, it } from "vitest";
import { parseConfigAssignments } from "../../generator/config-assignments.js";

describe("parseConfigAssignments (--config name=value)", () => {
  it("reads each pair, keeping any = after the first in the value", () => {
    expect(parseConfigAssignments(["owner=octocat", "since=2024-01-01T00:00:00Z", "filter=a=b", "empty="])).toEqual({
      owner: "octocat",
      since: "2024-01-01T00:00:00Z",
      filter: "a=b",
      empty: "",
    });
  });

  it("names every malformed pair", () => {
    expect(() => parseConfigAssignments(["owner", "1st=x", "ok=1"])).toThrow(
      '2 problems in the config:\n  --config[0]: expected name=value with a name of letters, digits and underscores, got "owner"\n' +
        '  --config[1]: expected name=value with a name of letters, digits and underscores, got "1st=x"',
    );
  });
});
