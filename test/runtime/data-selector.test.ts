import { describe, expect, it } from "vitest";
import { createDataSelector } from "../../templates/runtime/data-selector.js";
import { JsonPathSyntaxError, parseJsonPath } from "../../templates/runtime/json-path.js";

const body = {
  data: [{ id: 1 }, { id: 2 }],
  meta: { total: 2, "odata.next": "x", nested: { rows: [{ id: 3 }] } },
  one: { id: 9 },
  nothing: null,
  single: [{ id: 5 }],
};

describe("data_selector extraction (dlt's rules)", () => {
  it.each([
    ["data", [{ id: 1 }, { id: 2 }], "a list is the records"],
    ["$.data", [{ id: 1 }, { id: 2 }], "a leading $. is the same"],
    ["meta.nested.rows", [{ id: 3 }], "dotted paths go deep"],
    ["one", [{ id: 9 }], "an object is one record"],
    ["nothing", [], "null is an empty page"],
    ["missing", [], "no match is no records, and not matched"],
    ["data[*].id", [1, 2], "several matches are the records"],
    ["data[1]", [{ id: 2 }], "an index picks one element"],
    ["data[-1]", [{ id: 2 }], "a negative index counts from the end"],
    ["single[*]", [{ id: 5 }], "one match of a wildcard is that element"],
    ["meta['odata.next']", ["x"], "bracket names may hold dots"],
    ["['one']", [{ id: 9 }], "a bare path may start with a bracket"],
    ["$..rows", [{ id: 3 }], "recursive descent"],
  ] as [string, unknown[], string][])("%s → %j (%s)", (selector, expected) => {
    expect(createDataSelector(selector)(body)).toEqual({ records: expected, matched: selector !== "missing" });
  });

  it("takes a bare array body with $", () => {
    expect(createDataSelector("$")([{ id: 1 }]).records).toEqual([{ id: 1 }]);
    expect(createDataSelector("$")({ id: 1 }).records).toEqual([{ id: 1 }]);
  });

  it.each(["", "data[?(@.id==1)]", "data[", "a..", "$$"])("rejects %j with a syntax error", (path) => {
    expect(() => parseJsonPath(path)).toThrow(JsonPathSyntaxError);
  });
});
