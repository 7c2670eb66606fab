import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destinationFactories, type TestDatabase } from "../support/destinations.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

/**
 * The merge hints and `max_table_nesting` as a config gives them (dlt's rest_api `columns`,
 * `merge_key`, `write_disposition` objects, `resource_defaults`), synced twice into every
 * destination: each resource serves its own records per run, and the tables must hold exactly
 * what dlt's merge SQL leaves.
 */
type Rec = Record<string, unknown>;

/** What each resource's endpoint serves in the first and in the second sync. */
const RUNS: Record<string, [Rec[], Rec[]]> = {
  // hard_delete (bool) under delete-insert: a flagged record removes its row and nested rows, a flagged new one is not inserted.
  flagged: [
    [
      { id: 1, v: "a", deleted: false, tags: ["x"] },
      { id: 2, v: "b", deleted: false, tags: ["y", "z"] },
      { id: 3, v: "c", deleted: false, tags: ["w"] },
    ],
    [
      { id: 1, v: "a2", deleted: true, tags: ["x2"] },
      { id: 3, v: "c2", deleted: false, tags: ["w2"] },
      { id: 4, v: "d", deleted: true, tags: ["q"] },
    ],
  ],
  // hard_delete (here a timestamp: deleted when not null) under upsert.
  upserted: [
    [
      { id: 1, v: "a", tags: ["x", "y"] },
      { id: 2, v: "b", tags: ["z"] },
      { id: 3, v: "c", tags: [] },
    ],
    [
      { id: 1, v: "a2", deleted: "2026-01-02T00:00:00Z", tags: ["x"] },
      { id: 2, v: "b2", deleted: null, tags: ["z", "z2"] },
      { id: 5, v: "e", deleted: "2026-01-02T00:00:00Z", tags: ["q"] },
    ],
  ],
  // dedup_sort desc with a nested table: the highest ts wins, with its own nested rows.
  dedup_desc: [
    [
      { id: 1, ts: 1, v: "old", tags: ["o"] },
      { id: 1, ts: 3, v: "new", tags: ["n1", "n2"] },
      { id: 1, ts: 2, v: "mid", tags: ["m"] },
      { id: 2, ts: 1, v: "only", tags: [] },
    ],
    [
      { id: 1, ts: 4, v: "second low", tags: ["l"] },
      { id: 1, ts: 5, v: "second high", tags: ["h"] },
    ],
  ],
  // dedup_sort asc, root table only: the lowest ts wins; with hard_delete (the flag column arrives in the second run).
  dedup_asc: [
    [
      { id: 1, ts: 2, v: "mid" },
      { id: 1, ts: 1, v: "low" },
      { id: 1, ts: 3, v: "high" },
    ],
    [
      { id: 1, ts: 9, v: "gone", deleted: true },
      { id: 2, ts: 2, v: "two b", deleted: false },
      { id: 2, ts: 1, v: "two a", deleted: false },
    ],
  ],
  // merge_key only: the second run replaces the partition day = d1; without a primary key nothing is deduplicated.
  by_day: [
    [
      { day: "d1", v: 1 },
      { day: "d1", v: 2 },
      { day: "d2", v: 3 },
    ],
    [
      { day: "d1", v: 5 },
      { day: "d1", v: 5 },
    ],
  ],
  // primary key and merge key, both as column hints: rows matching either go.
  by_id_and_day: [
    [
      { id: 1, day: "d1", v: "a" },
      { id: 2, day: "d1", v: "b" },
      { id: 3, day: "d2", v: "c" },
      { id: 4, day: "d3", v: "d" },
    ],
    [{ id: 3, day: "d1", v: "c2" }],
  ],
  // scd2 with a merge key: only absent records of a day the load has are retired.
  versioned_by_day: [
    [
      { id: 1, day: "d1" },
      { id: 2, day: "d2" },
    ],
    [{ id: 3, day: "d1" }],
  ],
  // insert-only: new keys are inserted with their nested rows; existing rows never change; flagged records are not inserted.
  inserted_only: [
    [
      { id: 1, v: "a", deleted: false, tags: ["x"] },
      { id: 2, v: "b", deleted: false, tags: ["y"] },
    ],
    [
      { id: 1, v: "a2", deleted: false, tags: ["x", "x2"] },
      { id: 2, v: "b2", deleted: true, tags: [] },
      { id: 3, v: "c", deleted: false, tags: ["z"] },
      { id: 4, v: "d", deleted: true, tags: ["q"] },
    ],
  ],
};

/** The record of dlt's max_table_nesting reference: objects and lists two levels deep, a list of lists. */
const NESTED: Rec = { id: 1, obj: { a: "A", inner: { b: "B" } }, items: [{ x: 7, sub: [{ y: "Y" }], tags: ["t"] }], matrix: [[1, 2], [3]] };
for (const name of ["nest_default", "nest_0", "nest_2"]) RUNS[name] = [[NESTED], []];

const merge = (strategy: string) => ({ disposition: "merge", strategy });
const config = {
  name: "hints",
  client: { base_url: "http://unused" },
  resource_defaults: {
    endpoint: { data_selector: "data", paginator: { type: "single_page" } },
    // Source level: every resource stores what lies deeper than one level as JSON, unless it says otherwise.
    max_table_nesting: 1,
    // Every resource: `deleted` flags a hard delete. Merged column by column with a resource's own `columns`.
    columns: [{ name: "deleted", hard_delete: true }],
  },
  resources: [
    { name: "flagged", primary_key: "id", write_disposition: "merge", columns: { deleted: { data_type: "bool" } } },
    { name: "upserted", primary_key: "id", write_disposition: merge("upsert") },
    { name: "dedup_desc", primary_key: "id", write_disposition: "merge", columns: { ts: { dedup_sort: "desc" } } },
    { name: "dedup_asc", primary_key: "id", write_disposition: "merge", columns: [{ name: "ts", dedup_sort: "asc" }] },
    { name: "by_day", merge_key: "day", write_disposition: "merge" },
    { name: "by_id_and_day", write_disposition: merge("delete-insert"), columns: { id: { primary_key: true }, day: { merge_key: true } } },
    { name: "versioned_by_day", merge_key: "day", write_disposition: merge("scd2") },
    { name: "inserted_only", primary_key: "id", write_disposition: merge("insert-only") },
    { name: "nest_default" },
    { name: "nest_0", max_table_nesting: 0 },
    { name: "nest_2", max_table_nesting: 2 },
  ].map((resource) => ({ ...resource, endpoint: { path: `/${resource.name}` } })),
};

let server: TestServer;
let run = 0;
let connector: LooseConnector;
let cleanupConnector: () => Promise<void>;

beforeAll(async () => {
  server = await startServer((request, response) => sendJson(response, { data: RUNS[request.url.slice(1)]![run] }));
  const generated = await generateConnector("merge-hints", config);
  connector = generated.module;
  cleanupConnector = generated.cleanup;
});

afterAll(async () => {
  await server?.close();
  await cleanupConnector?.();
});

type Sync = (destination: unknown) => Promise<unknown>;
const sync = (db: TestDatabase) => (connector.createSource({ baseUrl: server.url }) as unknown as { sync: Sync }).sync(db.destination);

/** dlt's types as each database reports them in information_schema. */
const TYPE_NAMES: Record<string, Record<string, string>> = {
  duckdb: { text: "VARCHAR", bigint: "BIGINT", json: "JSON" },
  postgres: { text: "character varying", bigint: "bigint", json: "jsonb" },
};

describe.each(destinationFactories)("merge hints and max_table_nesting from a config, into $name", (factory) => {
  let db: TestDatabase;
  const table = (name: string) => `"hints_dataset"."${name}"`;
  /** Rows of `name` as arrays of `columns`, in that order. */
  const rows = async (name: string, columns: string, orderBy = columns) =>
    (await db.query(`SELECT ${columns} FROM ${table(name)} ORDER BY ${orderBy}`)).map((row) => Object.values(row).map(plain));
  /** The values of each root row's nested `tags`, by the root's `id`. */
  const tags = async (name: string) =>
    (
      await db.query(`SELECT r.id, t.value FROM ${table(`${name}__tags`)} AS t JOIN ${table(name)} AS r ON t._dlt_parent_id = r._dlt_id ORDER BY r.id, t._dlt_list_idx`)
    ).map((row) => [row["id"], row["value"]]);
  const count = async (name: string) => Number((await db.query(`SELECT COUNT(*) AS n FROM ${table(name)}`))[0]!["n"]);
  /** Column names and types of a table, in table order. */
  const columnsOf = async (name: string) =>
    (
      await db.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'hints_dataset' AND table_name = $1 ORDER BY ordinal_position`,
        [name],
      )
    ).map((row) => [row["column_name"], row["data_type"]]);
  const tablesOf = async (prefix: string) =>
    (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'hints_dataset' AND table_name LIKE $1 ORDER BY table_name`, [`${prefix}%`])).map(
      (row) => row["table_name"],
    );
  const type = (dltType: string) => TYPE_NAMES[factory.name]![dltType]!;
  let afterFirst: { dedupDesc: unknown[][]; dedupDescTags: unknown[][]; dedupAsc: unknown[][] };

  beforeAll(async () => {
    db = await factory.create("merge_hints");
    run = 0;
    await sync(db);
    afterFirst = {
      dedupDesc: await rows("dedup_desc", "id, ts, v"),
      dedupDescTags: await tags("dedup_desc"),
      dedupAsc: await rows("dedup_asc", "id, ts, v"),
    };
    run = 1;
    await sync(db);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it("hard_delete (bool) under delete-insert: flagged records lose their row and nested rows, and a flagged new record is not inserted", async () => {
    expect(await rows("flagged", "id, v, deleted")).toEqual([
      [2, "b", false],
      [3, "c2", false],
    ]);
    expect(await tags("flagged")).toEqual([
      [2, "y"],
      [2, "z"],
      [3, "w2"],
    ]);
    expect(await count("flagged__tags")).toBe(3);
  });

  it("hard_delete (not bool: deleted when not null) under upsert: flagged records go with their nested rows, the others are updated", async () => {
    expect(await rows("upserted", "id, v, deleted")).toEqual([
      [2, "b2", null],
      [3, "c", null],
    ]);
    expect(await tags("upserted")).toEqual([
      [2, "z"],
      [2, "z2"],
    ]);
    expect(await count("upserted__tags")).toBe(2);
  });

  it("dedup_sort desc: of the duplicates within one load the highest wins, with its own nested rows", async () => {
    expect(afterFirst.dedupDesc).toEqual([
      [1, 3, "new"],
      [2, 1, "only"],
    ]);
    expect(afterFirst.dedupDescTags).toEqual([
      [1, "n1"],
      [1, "n2"],
    ]);
    expect(await rows("dedup_desc", "id, ts, v")).toEqual([
      [1, 5, "second high"],
      [2, 1, "only"],
    ]);
    expect(await tags("dedup_desc")).toEqual([[1, "h"]]);
    expect(await count("dedup_desc__tags")).toBe(1);
  });

  it("dedup_sort asc on a root table without nested tables: the lowest wins, and a flagged record deletes its row", async () => {
    expect(afterFirst.dedupAsc).toEqual([[1, 1, "low"]]);
    expect(await rows("dedup_asc", "id, ts, v, deleted")).toEqual([[2, 1, "two a", false]]);
  });

  it("merge_key: delete-insert replaces the partition of each merge key value the load has, keeping duplicates (no primary key)", async () => {
    expect(await rows("by_day", "day, v")).toEqual([
      ["d1", 5],
      ["d1", 5],
      ["d2", 3],
    ]);
  });

  it("primary key and merge key as column hints: rows matching either key are replaced", async () => {
    expect(await rows("by_id_and_day", "id, day, v")).toEqual([
      [3, "d1", "c2"],
      [4, "d3", "d"],
    ]);
    // Key columns are NOT NULL, as dlt makes them.
    const nullable = await db.query(
      `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'hints_dataset' AND table_name = 'by_id_and_day' AND column_name IN ('id', 'day', 'v') ORDER BY column_name`,
    );
    expect(nullable.map((row) => [row["column_name"], row["is_nullable"]])).toEqual([
      ["day", "NO"],
      ["id", "NO"],
      ["v", "YES"],
    ]);
  });

  it("scd2 with a merge key: only absent records whose merge key the load has are retired", async () => {
    expect(await rows("versioned_by_day", "id, day, _dlt_valid_to IS NULL", "id")).toEqual([
      [1, "d1", false],
      [2, "d2", true],
      [3, "d1", true],
    ]);
  });

  it("insert-only: new keys are inserted with their nested rows, existing rows never change, flagged records are not inserted", async () => {
    expect(await rows("inserted_only", "id, v, deleted")).toEqual([
      [1, "a", false],
      [2, "b", false],
      [3, "c", false],
    ]);
    expect(await tags("inserted_only")).toEqual([
      [1, "x"],
      [2, "y"],
      [3, "z"],
    ]);
    expect(await count("inserted_only__tags")).toBe(3);
  });

  it("max_table_nesting 1 from resource_defaults: obj__a flattened, deeper values JSON, one level of nested tables", async () => {
    expect(await tablesOf("nest_default")).toEqual(["nest_default", "nest_default__items", "nest_default__matrix"]);
    expect(await columnsOf("nest_default")).toEqual([
      ["id", type("bigint")],
      ["obj__a", type("text")],
      ["obj__inner", type("json")],
      ["_dlt_load_id", type("text")],
      ["_dlt_id", type("text")],
    ]);
    expect(await columnsOf("nest_default__items")).toEqual([
      ["x", type("bigint")],
      ["sub", type("json")],
      ["tags", type("json")],
      ["_dlt_parent_id", type("text")],
      ["_dlt_list_idx", type("bigint")],
      ["_dlt_id", type("text")],
    ]);
    expect(await columnsOf("nest_default__matrix")).toEqual([
      ["list", type("json")],
      ["_dlt_parent_id", type("text")],
      ["_dlt_list_idx", type("bigint")],
      ["_dlt_id", type("text")],
    ]);
    expect(await rows("nest_default", "id, obj__a, obj__inner")).toEqual([[1, "A", { b: "B" }]]);
    expect(await rows("nest_default__items", "x, sub, tags")).toEqual([[7, [{ y: "Y" }], ["t"]]]);
    expect(await rows("nest_default__matrix", "_dlt_list_idx, list")).toEqual([
      [0, [1, 2]],
      [1, [3]],
    ]);
  });

  it("max_table_nesting 0 on the resource (over the default): objects and lists are JSON columns of the root", async () => {
    expect(await tablesOf("nest_0")).toEqual(["nest_0"]);
    expect(await columnsOf("nest_0")).toEqual([
      ["id", type("bigint")],
      ["obj", type("json")],
      ["items", type("json")],
      ["matrix", type("json")],
      ["_dlt_load_id", type("text")],
      ["_dlt_id", type("text")],
    ]);
    expect(await rows("nest_0", "id, obj, items, matrix")).toEqual([[1, NESTED["obj"], NESTED["items"], NESTED["matrix"]]]);
  });

  it("max_table_nesting 2 on the resource: flattened and nested down to items__sub and items__tags; a list of lists keeps a JSON list", async () => {
    expect(await tablesOf("nest_2")).toEqual(["nest_2", "nest_2__items", "nest_2__items__sub", "nest_2__items__tags", "nest_2__matrix"]);
    expect(await columnsOf("nest_2")).toEqual([
      ["id", type("bigint")],
      ["obj__a", type("text")],
      ["obj__inner__b", type("text")],
      ["_dlt_load_id", type("text")],
      ["_dlt_id", type("text")],
    ]);
    expect((await columnsOf("nest_2__items")).map(([name]) => name)).toEqual(["x", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
    expect(await columnsOf("nest_2__items__sub")).toEqual([
      ["y", type("text")],
      ["_dlt_parent_id", type("text")],
      ["_dlt_list_idx", type("bigint")],
      ["_dlt_id", type("text")],
    ]);
    expect((await columnsOf("nest_2__items__tags")).map(([name]) => name)).toEqual(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
    expect(await columnsOf("nest_2__matrix")).toEqual(await columnsOf("nest_default__matrix"));
    expect(await rows("nest_2", "id, obj__a, obj__inner__b")).toEqual([[1, "A", "B"]]);
    expect(await rows("nest_2__items__sub", "y")).toEqual([["Y"]]);
    expect(await rows("nest_2__items__tags", "value")).toEqual([["t"]]);
    // Nested rows point at their parents.
    const linked = await db.query(
      `SELECT COUNT(*) AS n FROM ${table("nest_2__items__sub")} AS s JOIN ${table("nest_2__items")} AS i ON s._dlt_parent_id = i._dlt_id JOIN ${table("nest_2")} AS r ON i._dlt_parent_id = r._dlt_id`,
    );
    expect(Number(linked[0]!["n"])).toBe(1);
  });
});

/** A value as read back, JSON columns parsed (DuckDB and Postgres both return JSON as text). */
function plain(value: unknown): unknown {
  if (typeof value !== "string" || !/^[[{]/.test(value)) return value;
  return JSON.parse(value) as unknown;
}
