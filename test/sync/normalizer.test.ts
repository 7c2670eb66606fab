import { beforeAll, describe, expect, it } from "vitest";
import { coerce, inferType, isoTimestamp } from "../../templates/runtime/sync/data-types.js";
import { loadHashing } from "../../templates/runtime/sync/hash.js";
import { createNormalizer, type NormalizerOptions } from "../../templates/runtime/sync/normalizer.js";

/** One emitted row, collected. */
interface NormalizedRow {
  table: string;
  parent: string | undefined;
  values: Record<string, unknown>;
  ownId?: true;
}
import { TableTyper } from "../../templates/runtime/sync/table-typer.js";

beforeAll(loadHashing);

function normalize(record: unknown, options: Partial<NormalizerOptions> = {}): NormalizedRow[] {
  const rows: NormalizedRow[] = [];
  createNormalizer({ table: "rec", rootId: "random", rootKey: false, loadId: "1.5", ...options })(record, (table, parent, values, ownId) =>
    rows.push(ownId ? { table, parent, values, ownId } : { table, parent, values }),
  );
  return rows;
}

/** Table name -> its columns, in first-seen order. */
function layout(rows: NormalizedRow[]): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const row of rows) {
    const columns = (tables[row.table] ??= []);
    for (const column of Object.keys(row.values)) if (!columns.includes(column)) columns.push(column);
  }
  return tables;
}

const nested = { id: 1, obj: { a: 1, inner: { b: 2 } }, items: [{ x: 1, sub: [{ y: 2 }], tags: ["t"] }], matrix: [[1, 2], [3]] };

describe("relational normalizer: table layout", () => {
  it.each([
    [0, { rec: ["id", "obj", "items", "matrix", "_dlt_load_id", "_dlt_id"] }],
    [
      1,
      {
        rec: ["id", "obj__a", "obj__inner", "_dlt_load_id", "_dlt_id"],
        rec__items: ["x", "sub", "tags", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__matrix: ["list", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
      },
    ],
    [
      2,
      {
        rec: ["id", "obj__a", "obj__inner__b", "_dlt_load_id", "_dlt_id"],
        rec__items: ["x", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__items__sub: ["y", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__items__tags: ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__matrix: ["list", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
      },
    ],
    [
      1000,
      {
        rec: ["id", "obj__a", "obj__inner__b", "_dlt_load_id", "_dlt_id"],
        rec__items: ["x", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__items__sub: ["y", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__items__tags: ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__matrix: ["_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
        rec__matrix__list: ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
      },
    ],
  ])("max_table_nesting %i", (maxNesting, expected) => {
    expect(layout(normalize(nested, { maxNesting }))).toEqual(expected);
  });

  it("links nested rows to their parents with deterministic ids, and to the root under merge", () => {
    const rows = normalize({ id: 1, tags: ["a", "b"], items: [{ sub: [{ y: 1 }] }] }, { rootKey: true, rootId: "key_hash", primaryKey: ["id"] });
    const root = rows[0]!.values;
    expect(root["_dlt_id"]).toBe("z5jIxXIbUnmbKw");
    const tags = rows.filter((row) => row.table === "rec__tags").map((row) => row.values);
    expect(tags.map((row) => [row["value"], row["_dlt_list_idx"], row["_dlt_parent_id"], row["_dlt_root_id"]])).toEqual([
      ["a", 0, root["_dlt_id"], root["_dlt_id"]],
      ["b", 1, root["_dlt_id"], root["_dlt_id"]],
    ]);
    const item = rows.find((row) => row.table === "rec__items")!.values;
    const sub = rows.find((row) => row.table === "rec__items__sub")!.values;
    expect(sub["_dlt_parent_id"]).toBe(item["_dlt_id"]);
    expect(sub["_dlt_root_id"]).toBe(root["_dlt_id"]);
    expect(Object.keys(sub)).toEqual(["y", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
  });

  it("hashes the raw record for scd2 ids, without _dlt keys", () => {
    expect(normalize({ id: 1, l: [1], v: "a", _dlt_x: 5 }, { rootId: "row_hash" })[0]!.values["_dlt_id"]).toBe("I+e1ooEMDlPuqw");
  });

  it("names columns the dlt way; colliding keys: the later one wins; empty lists and dicts add nothing", () => {
    const rows = normalize({ customerId: 1, "Customer ID": 2, "a__b": { C: 3 }, empty: [], none: {} });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values).toMatchObject({ customer_id: 2, a__b__c: 3 });
    expect(Object.keys(rows[0]!.values)).toEqual(["customer_id", "a__b__c", "_dlt_load_id", "_dlt_id"]);
  });
});

describe("type inference and variants", () => {
  it.each([
    ["2024-01-01T10:00:00Z", "timestamp"],
    ["2024-01-01T10:00:00", "timestamp"],
    ["2024-01-01 10:00:00", "timestamp"],
    ["2024-01-01", "text"],
    ["10:00:00", "text"],
    ["2024", "text"],
    [1796031701, "bigint"],
    [1.5, "double"],
    [true, "bool"],
    [{ a: 1 }, "json"],
  ] as const)("%j creates a %s column", (value, type) => {
    expect(inferType(value)).toBe(type);
  });

  it("takes naive timestamps as UTC and keeps microseconds", () => {
    expect(isoTimestamp("2024-01-01 10:00:00")).toBe("2024-01-01T10:00:00Z");
    expect(isoTimestamp("2024-01-01T12:00:00.1234567+02:00")).toBe("2024-01-01T10:00:00.123456Z");
  });

  it("reads JavaScript's toISOString form (its short path) as it reads any other form", () => {
    expect(isoTimestamp("2024-01-01T10:00:00.000Z")).toBe("2024-01-01T10:00:00Z");
    expect(isoTimestamp("2024-01-01T10:00:00.120Z")).toBe("2024-01-01T10:00:00.120000Z");
    expect(isoTimestamp("2024-01-01T10:00:00Z")).toBe("2024-01-01T10:00:00Z");
    // Dates that do not round-trip take the general path, with its result.
    expect(isoTimestamp("2024-02-30T10:00:00.000Z")).toBe(isoTimestamp("2024-02-30 10:00:00"));
    expect(isoTimestamp("2024-13-01T10:00:00.000Z")).toBeUndefined();
  });

  it.each([
    "2024-02-29T23:59:59.999Z",
    "2023-02-29T10:00:00.000Z",
    "1900-02-29T10:00:00Z",
    "2000-02-29T10:00:00Z",
    "2024-04-31T10:00:00.500Z",
    "2024-12-31T24:00:00.000Z",
    "2024-06-30T23:60:00Z",
    "2024-06-30T23:59:60.000Z",
    "2024-00-10T10:00:00Z",
    "2024-06-00T10:00:00Z",
    "0000-01-01T00:00:00.000Z",
  ])("checks the fields of %s in place as the general path reads them", (value) => {
    expect(isoTimestamp(value)).toBe(isoTimestamp(value.replace("T", " ")));
  });

  it.each([
    ["bigint", "200", 200],
    ["bigint", 3.0, 3],
    ["bigint", "abc", undefined],
    ["bigint", 2.5, undefined],
    ["text", 5, "5"],
    ["bool", "maybe", undefined],
    ["bool", "yes", true],
    ["timestamp", "not a date", undefined],
    ["decimal", "x", undefined],
    ["double", 7, 7],
  ] as const)("into %s, %j becomes %j", (type, value, expected) => {
    expect(coerce(value, type)).toBe(expected);
  });

  it("routes a value that does not fit its column to <column>__v_<type>", () => {
    const typer = new TableTyper({ name: "t", resource: "t", columns: [] });
    typer.fit({ i: 1, ts: "2024-01-01T00:00:00Z" });
    expect(typer.takeNewColumns().map((column) => [column.name, column.type])).toEqual([
      ["i", "bigint"],
      ["ts", "timestamp"],
    ]);
    const row = typer.fit({ i: "abc", ts: "not a date" });
    // Values sit at their columns' positions; `i` and `ts` stay empty.
    const byColumn = typer.table.columns.map((column, index) => [column.name, row[index]]);
    expect(byColumn).toEqual([
      ["i", undefined],
      ["ts", undefined],
      ["i__v_text", "abc"],
      ["ts__v_text", "not a date"],
    ]);
    expect(typer.takeNewColumns().map((column) => [column.name, column.type, column.variant])).toEqual([
      ["i__v_text", "text", true],
      ["ts__v_text", "text", true],
    ]);
    expect(() => new TableTyper({ name: "t", resource: "t", columns: [{ name: "id", type: "bigint", nullable: false }] }).fit({ id: null })).toThrow(
      /column "id" is NOT NULL/,
    );
  });
});
