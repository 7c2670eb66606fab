import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Destination, DestinationConnection } from "../../templates/runtime/destinations/destination.js";
import { destinationFactories, type TestDatabase } from "../support/destinations.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";

/**
 * A merge loads straight into its tables, with no copy through `<dataset>_staging`, when the
 * tables are empty (any strategy but scd2) or in place (delete-insert: the rows it replaces are
 * deleted afterwards), as long as that gives what the merge would: no primary key twice, no
 * record flagged by hard_delete. Otherwise the loaded rows move to staging and the merge runs
 * as always; records that bring their own `_dlt_id` go to staging from the start.
 * Each resource serves its own records per run.
 */
type Rec = Record<string, unknown>;

const RUNS: Record<string, [Rec[], Rec[]]> = {
  // Distinct keys: loaded straight into the new tables; the second run in place, replacing id 1.
  fresh: [
    [
      { id: 1, v: "a", tags: ["x", "y"] },
      { id: 2, v: "b", tags: [] },
    ],
    [{ id: 1, v: "a2", tags: ["z"] }],
  ],
  // A key twice in the first load: the last one wins (no dedup_sort), with its own nested rows.
  repeated: [
    [
      { id: 1, v: "first", tags: ["f"] },
      { id: 2, v: "other", tags: ["o"] },
      { id: 1, v: "second", tags: ["s1", "s2"] },
    ],
    [],
  ],
  // A flagged record in the first load is not inserted, nor are its nested rows.
  flagged: [
    [
      { id: 1, v: "kept", deleted: false, tags: ["k"] },
      { id: 2, v: "gone", deleted: true, tags: ["g"] },
    ],
    [],
  ],
  // Records bring their own ids, a nested id twice: nested rows are deduplicated by _dlt_id. The
  // second run brings the same root id again: its rows could not be told from the first run's.
  own_ids: [
    [
      {
        id: 1,
        _dlt_id: "root-one",
        items: [
          { _dlt_id: "item-a", n: 1 },
          { _dlt_id: "item-a", n: 1 },
        ],
      },
    ],
    [{ id: 1, _dlt_id: "root-one", items: [{ _dlt_id: "item-b", n: 2 }] }],
  ],
  // The second run loads id 2 in place (rows are loaded one at a time here), then a record brings
  // its own _dlt_id: what was loaded in place moves to staging, and the merge runs from there.
  mixed_ids: [
    [{ id: 1, v: "a", tags: ["x"] }],
    [
      { id: 2, v: "b", tags: ["y"] },
      { id: 1, _dlt_id: "own-1", v: "a2", tags: ["x2"] },
    ],
  ],
  // upsert into new tables: loaded straight in as well.
  upserted: [
    [
      { id: 1, v: "a", tags: ["x"] },
      { id: 2, v: "b", tags: ["y"] },
    ],
    [{ id: 2, v: "b2", tags: ["y2"] }],
  ],
};

const config = {
  name: "direct",
  client: { base_url: "http://unused" },
  resource_defaults: {
    primary_key: "id",
    write_disposition: "merge",
    endpoint: { data_selector: "data", paginator: { type: "single_page" } },
  },
  resources: [
    { name: "fresh" },
    { name: "repeated" },
    {
      name: "flagged",
      columns: { deleted: { data_type: "bool", hard_delete: true } },
    },
    { name: "own_ids" },
    { name: "mixed_ids" },
    {
      name: "upserted",
      write_disposition: { disposition: "merge", strategy: "upsert" },
    },
  ].map((resource) => ({
    ...resource,
    endpoint: { path: `/${resource.name}` },
  })),
};

/** The destination, with every table a `bulkLoad` fills written down (`dataset.table`). */
function recordingLoads(destination: Destination): {
  destination: Destination;
  loads: string[];
} {
  const loads: string[] = [];
  const observe = (connection: DestinationConnection): DestinationConnection =>
    new Proxy(connection, {
      get(target, property) {
        if (property === "bulkLoad")
          return ((table, columns, batches) => {
            loads.push(`${table.dataset}.${table.table}`);
            return target.bulkLoad(table, columns, batches);
          }) satisfies DestinationConnection["bulkLoad"];
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    loads,
    destination: {
      dialect: destination.dialect,
      description: destination.description,
      connect: async (options) => observe(await destination.connect(options)),
    },
  };
}

let server: TestServer;
let run = 0;
let connector: LooseConnector;
let cleanupConnector: () => Promise<void>;

beforeAll(async () => {
  server = await startServer((request, response) => sendJson(response, { data: RUNS[request.url.slice(1)]![run] }));
  const generated = await generateConnector("direct-merge", config);
  connector = generated.module;
  cleanupConnector = generated.cleanup;
});

afterAll(async () => {
  await server?.close();
  await cleanupConnector?.();
});

describe.each(destinationFactories)("a merge loaded straight into its tables, into $name", (factory) => {
  let db: TestDatabase;
  const loads: string[][] = [];
  const afterFirst: Record<string, unknown[][]> = {};
  let afterFirstOwnItems: unknown[][] = [];
  const rows = async (sql: string) => (await db.query(sql)).map((row) => Object.values(row));
  const count = async (table: string) => Number((await rows(`SELECT COUNT(*) FROM "direct_dataset"."${table}"`))[0]![0]);
  /** Each root row's id and v with its nested tags, in order. */
  const withTags = (name: string) =>
    rows(
      `SELECT r.id, r.v, t.value FROM "direct_dataset"."${name}" AS r LEFT JOIN "direct_dataset"."${name}__tags" AS t ON t._dlt_root_id = r._dlt_id ORDER BY r.id, t._dlt_list_idx`,
    );

  beforeAll(async () => {
    db = await factory.create("direct_merge");
    for (run = 0; run < 2; run++) {
      const recording = recordingLoads(db.destination);
      await (connector.createSource({ baseUrl: server.url }) as unknown as { sync(destination: Destination, options: { batchRows: number }): Promise<unknown> }).sync(recording.destination, { batchRows: 1 });
      loads.push(recording.loads);
      if (run === 0) {
        for (const name of ["fresh", "repeated", "flagged", "upserted"]) afterFirst[name] = await withTags(name);
        afterFirstOwnItems = await rows(`SELECT _dlt_id, n FROM "direct_dataset"."own_ids__items"`);
      }
    }
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it("loads into empty tables straight, a delete-insert in place, and an upsert into full tables through staging", async () => {
    expect(loads[0]).toEqual(expect.arrayContaining(["direct_dataset.fresh", "direct_dataset.fresh__tags", "direct_dataset.upserted"]));
    // Only the records that brought their own _dlt_id went to staging.
    expect(loads[0]!.filter((table) => table.startsWith("direct_dataset_staging."))).toEqual([
      "direct_dataset_staging.own_ids",
      "direct_dataset_staging.own_ids__items",
    ]);
    expect(loads[1]).toEqual(expect.arrayContaining(["direct_dataset.fresh", "direct_dataset.fresh__tags", "direct_dataset_staging.upserted__tags"]));
    expect(loads[1]).not.toContain("direct_dataset_staging.fresh");
    expect(afterFirst["fresh"]).toEqual([
      [1, "a", "x"],
      [1, "a", "y"],
      [2, "b", null],
    ]);
    // In place: id 1's old row and nested rows are gone, its new ones in; id 2 untouched.
    expect(await withTags("fresh")).toEqual([
      [1, "a2", "z"],
      [2, "b", null],
    ]);
    expect(await count("fresh__tags")).toBe(1);
    expect(afterFirst["upserted"]).toEqual([
      [1, "a", "x"],
      [2, "b", "y"],
    ]);
    expect(await withTags("upserted")).toEqual([
      [1, "a", "x"],
      [2, "b2", "y2"],
    ]);
  });

  it("deduplicates a key loaded twice: one row per key, with the winner's nested rows only", async () => {
    expect(afterFirst["repeated"]!.filter(([id]) => id === 2)).toEqual([[2, "other", "o"]]);
    const winner = afterFirst["repeated"]!.filter(([id]) => id === 1);
    // Without dedup_sort any one of the duplicates may win (dlt's ORDER BY (SELECT NULL)), but whole.
    expect([
      [[1, "first", "f"]],
      [
        [1, "second", "s1"],
        [1, "second", "s2"],
      ],
    ]).toContainEqual(winner);
    expect(await count("repeated__tags")).toBe(winner.length + 1);
  });

  it("does not insert a record flagged by hard_delete, nor its nested rows", async () => {
    expect(afterFirst["flagged"]).toEqual([[1, "kept", "k"]]);
    expect(await count("flagged__tags")).toBe(1);
  });

  it("deduplicates nested rows by the _dlt_id a record brought, and replaces rows whose root id comes again", async () => {
    expect(afterFirstOwnItems).toEqual([["item-a", 1]]);
    expect(await rows(`SELECT id, _dlt_id FROM "direct_dataset"."own_ids"`)).toEqual([[1, "root-one"]]);
    expect(await rows(`SELECT _dlt_id, n FROM "direct_dataset"."own_ids__items"`)).toEqual([["item-b", 2]]);
  });

  it("moves what it loaded in place to staging when a later record brings its own _dlt_id", async () => {
    expect(loads[1]).toEqual(expect.arrayContaining(["direct_dataset.mixed_ids", "direct_dataset_staging.mixed_ids"]));
    expect(await withTags("mixed_ids")).toEqual([
      [1, "a2", "x2"],
      [2, "b", "y"],
    ]);
    expect(await count("mixed_ids__tags")).toBe(2);
  });

  it("leaves no staging tables behind", async () => {
    expect(await rows(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'direct_dataset_staging'`)).toEqual([]);
  });
});
