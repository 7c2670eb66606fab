import { describe, expect, it } from "vitest";
import { createDataSelector } from "../../templates/runtime/data-selector.js";
import { detectDataSelector } from "../../templates/runtime/detect-data-selector.js";

describe("detectDataSelector", () => {
  it.each<[string, unknown, string]>([
    // Anything but an object is taken whole.
    ["a list body", [{ id: 1 }], "$"],
    ["an empty list body", [], "$"],
    ["a scalar body", 42, "$"],
    ["a null body", null, "$"],
    ["an object without arrays", { id: 1, name: "a", owner: { id: 2 } }, "$"],

    // A preferred last key wins over arrays found before it.
    ["data", { data: [], total: 0 }, "data"],
    ["items after another array", { tags: ["a"], items: [{ id: 1 }] }, "items"],
    ["every preferred name: values", { errors: [], values: [] }, "values"],
    ["a nested preferred name", { meta: { warnings: [] }, response: { results: [] } }, "response.results"],
    ["a preferred name three keys deep", { a: { b: { records: [] } } }, "a.b.records"],
    ["the first preferred one, depth-first", { x: { rows: [] }, data: [] }, "x.rows"],
    ["a preferred name only in lower case", { others: [], Data: [] }, "others"],

    // Otherwise the first array depth-first, nested or not.
    ["the only array", { users: [{ id: 1 }], count: 1 }, "users"],
    ["the first array depth-first, not the least nested", { meta: { tags: [] }, users: [] }, "meta.tags"],

    // Depth limit and what is not entered.
    ["an array four keys deep is out of reach", { a: { b: { c: { data: [] } } } }, "$"],
    ["a deeper preferred name loses to a reachable array", { a: { b: { c: { data: [] } } }, list: [] }, "list"],
    ["arrays inside arrays are not entered", { pages: [{ data: [] }] }, "pages"],
    ["null and scalars are skipped", { next: null, data: null, n: 1, rows: [] }, "rows"],
    // dlt joins keys with dots unescaped and then finds nothing; bracketing keeps the path true to the body.
    ["a key with a dot is bracketed", { "odata.values": { value: [] } }, "['odata.values'].value"],
  ])("%s", (_name, body, selector) => {
    expect(detectDataSelector(body)).toBe(selector);
  });

  it("gives a selector the data selector can use on the same body", () => {
    const body = { meta: { count: 2 }, response: { entries: [{ id: 1 }, { id: 2 }] } };
    expect(createDataSelector(detectDataSelector(body))(body).records).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
