import { describe, expect, it } from "vitest";
import { detectDataSelector } from "../../../templates/runtime/detect-data-selector.js";
import { detectSelectorInSchema } from "../../../generator/types/detect-selector.js";

const array = { type: "array", items: { type: "object" } };
const object = (properties: Record<string, unknown>) => ({ type: "object", properties });

/** Each schema with a body of its shape: the generator must pick on the schema what the runtime picks on the body. */
const CASES: [string, unknown, unknown, string][] = [
  ["a bare array", array, [], "$"],
  ["a record key", object({ total: { type: "integer" }, items: array }), { total: 1, items: [] }, "items"],
  ["a record key after another array", object({ tags: array, results: array }), { tags: [], results: [] }, "results"],
  ["the first array when no key is a record key", object({ meta: object({ warnings: array }), page: object({ hits: array }) }), { meta: { warnings: [] }, page: { hits: [] } }, "meta.warnings"],
  ["depth first, not least nested", object({ meta: object({ tags: array }), users: array }), { meta: { tags: [] }, users: [] }, "meta.tags"],
  ["three keys deep", object({ a: object({ b: object({ data: array }) }) }), { a: { b: { data: [] } } }, "a.b.data"],
  ["not four keys deep", object({ a: object({ b: object({ c: object({ data: array }) }) }) }), { a: { b: { c: { data: [] } } } }, "$"],
  ["no array at all", object({ id: { type: "string" } }), { id: "x" }, "$"],
  ["a nullable array (3.1)", object({ data: { type: ["array", "null"], items: {} } }), { data: [] }, "data"],
  ["properties merged from allOf", { allOf: [object({ total: { type: "integer" } }), object({ entries: array })] }, { total: 1, entries: [] }, "entries"],
];

describe("detectSelectorInSchema", () => {
  it.each(CASES)("agrees with the runtime on %s", (_what, schema, body, expected) => {
    expect(detectDataSelector(body)).toBe(expected);
    expect(detectSelectorInSchema({}, schema)).toBe(expected);
  });

  it("follows $ref chains and ends on recursive schemas", () => {
    const document = {
      components: {
        schemas: {
          Page: { $ref: "#/components/schemas/PageBody" },
          PageBody: object({ next: { $ref: "#/components/schemas/PageBody" }, records: array }),
        },
      },
    };
    expect(detectSelectorInSchema(document, { $ref: "#/components/schemas/Page" })).toBe("records");
  });
});
