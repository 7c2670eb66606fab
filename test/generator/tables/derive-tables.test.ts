import { describe, expect, it } from "vitest";
import type { ResourceModel } from "../../../generator/model.js";
import { deriveTables } from "../../../generator/tables/derive-tables.js";

/** Only the fields deriveTables reads; the rest of a resource model does not shape its tables. */
const resource = { name: "statuses", tableName: "statuses", primaryKey: "id", writeDisposition: "append" } as ResourceModel;

// Mastodon's shape: a status may hold the status it reblogs, and a list of replies that are statuses.
const document = {
  components: {
    schemas: {
      Status: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string" },
          created_at: { type: "string", format: "date-time" },
          account: { type: "object", properties: { acct: { type: "string" } } },
          reblog: { nullable: true, allOf: [{ $ref: "#/components/schemas/Status" }] },
          replies: { type: "array", items: { $ref: "#/components/schemas/Status" } },
          tags: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
};

describe("deriveTables", () => {
  it("lays out a schema that contains itself once, leaving the recursion to the data (it used to run out of memory)", () => {
    const tables = deriveTables(document, { $ref: "#/components/schemas/Status" }, resource);
    expect(tables.map((table) => table.name)).toEqual(["statuses", "statuses__tags"]);
    const root = tables[0]!;
    expect(root.columns.map((column) => [column.name, column.type, column.nullable])).toEqual([
      ["id", "text", false],
      ["created_at", "timestamp", true],
      ["account__acct", "text", true],
      ["_dlt_load_id", "text", false],
      ["_dlt_id", "text", false],
    ]);
    expect(tables[1]!.columns.map((column) => column.name)).toEqual(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
  });

  // dlt's max_table_nesting reference record: objects and lists two levels deep, a list of lists.
  const nested = {
    type: "object",
    required: ["id"],
    properties: {
      id: { type: "integer" },
      obj: { type: "object", properties: { a: { type: "string" }, inner: { type: "object", properties: { b: { type: "string" } } } } },
      items: {
        type: "array",
        items: { type: "object", properties: { x: { type: "integer" }, sub: { type: "array", items: { type: "object", properties: { y: { type: "string" } } } }, tags: { type: "array", items: { type: "string" } } } },
      },
      matrix: { type: "array", items: { type: "array", items: { type: "integer" } } },
    },
  };
  const layout = (maxTableNesting: number) =>
    Object.fromEntries(
      deriveTables({}, nested, { ...resource, name: "rec", tableName: "rec", maxTableNesting }).map((table) => [
        table.name,
        table.columns.filter((column) => !column.name.startsWith("_dlt")).map((column) => `${column.name}:${column.type}`),
      ]),
    );

  it.each([
    [0, { rec: ["id:bigint", "obj:json", "items:json", "matrix:json"] }],
    [1, { rec: ["id:bigint", "obj__a:text", "obj__inner:json"], rec__items: ["x:bigint", "sub:json", "tags:json"], rec__matrix: ["list:json"] }],
    [
      2,
      {
        rec: ["id:bigint", "obj__a:text", "obj__inner__b:text"],
        rec__items: ["x:bigint"],
        rec__items__sub: ["y:text"],
        rec__items__tags: ["value:text"],
        rec__matrix: ["list:json"],
      },
    ],
  ])("max_table_nesting %i: deeper objects and lists are JSON columns, as dlt lays them out", (maxTableNesting, expected) => {
    expect(layout(maxTableNesting)).toEqual(expected);
  });
});
