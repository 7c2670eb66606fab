import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExampleRecord } from "../../examples/seed/server.js";
import { destinationFactories, type TestDatabase } from "../support/destinations.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { SEED_API_KEY, startSeedApi, type SeedApi } from "../support/seed-api.js";

/**
 * The seed config synced twice while the API changes in between (a record updated, one
 * removed, one added), once per write disposition, into every destination: each resource
 * reads the same endpoint and loads its own table.
 */
const DISPOSITIONS = {
  merged: { write_disposition: "merge" },
  replaced: { write_disposition: "replace" },
  appended: { write_disposition: "append" },
  upserted: { write_disposition: { disposition: "merge", strategy: "upsert" } },
  versioned: { write_disposition: { disposition: "merge", strategy: "scd2" } },
  soft_deleted: { write_disposition: "merge", deletes: "soft" },
  hard_deleted: { write_disposition: "merge", deletes: "hard" },
} as const;

const config = {
  name: "seed",
  client: { base_url: "http://unused", auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } },
  resource_defaults: { primary_key: "id", endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 10 } } },
  resources: Object.entries(DISPOSITIONS).map(([name, hints]) => ({ name, ...hints })),
};

const RECORDS = 25;
let api: SeedApi;
let connector: LooseConnector;
let cleanupConnector: () => Promise<void>;

beforeAll(async () => {
  api = await startSeedApi(RECORDS);
  const generated = await generateConnector("dispositions", config, { openapi: "examples/seed/openapi.yaml" });
  connector = generated.module;
  cleanupConnector = generated.cleanup;
});

afterAll(async () => {
  await api.close();
  await cleanupConnector();
});

type Sync = (destination: unknown, options?: Record<string, unknown>) => Promise<{ loadId: string; resources: { resource: string; rows: number; tables: string[] }[] }>;

function source(): { sync: Sync } {
  return connector.createSource({ baseUrl: api.url, secrets: { api_key: SEED_API_KEY } }) as unknown as { sync: Sync };
}

/** Run 2's API: record 1 updated (user and tags), record 2 removed, record RECORDS added. */
function changeApi(records: ExampleRecord[]): ExampleRecord[] {
  const added = { id: RECORDS, customer_id: "cus_new", user_key: "user_new", created_at: "2026-03-01T00:00:00.000Z", tags: ["fresh"] };
  return [...records.filter((record) => record.id !== 2).map((record) => (record.id === 1 ? { ...record, user_key: "user_updated", tags: ["changed"] } : record)), added];
}

describe.each(destinationFactories)("write dispositions into $name", (factory) => {
  let db: TestDatabase;
  let first: ExampleRecord[];
  let second: ExampleRecord[];
  const table = (name: string) => `"seed_dataset"."${name}"`;
  const count = async (sql: string) => Number((await db.query(sql))[0]!["n"]);
  /** Tags by record id, read back from the nested table through `_dlt_parent_id`. */
  const tagsById = async (name: string, where = "1 = 1") => {
    const rows = await db.query(
      `SELECT r.id, t.value FROM ${table(name)} AS r JOIN ${table(`${name}__tags`)} AS t ON t._dlt_parent_id = r._dlt_id WHERE ${where} ORDER BY r.id, t._dlt_list_idx`,
    );
    const tags = new Map<number, string[]>();
    for (const row of rows) tags.set(Number(row["id"]), [...(tags.get(Number(row["id"])) ?? []), String(row["value"])]);
    return tags;
  };
  const expectedTags = (records: ExampleRecord[]) => new Map(records.filter((record) => record.tags.length > 0).map((record) => [record.id, record.tags]));

  beforeAll(async () => {
    db = await factory.create("dispositions");
    api.records = (await import("../../examples/seed/server.js")).exampleRecords(RECORDS);
    first = api.records;
    const run1 = await source().sync(db.destination);
    expect(run1.resources.map((summary) => [summary.resource, summary.rows])).toEqual(Object.keys(DISPOSITIONS).map((name) => [name, RECORDS]));
    second = changeApi(first);
    api.records = second;
    await source().sync(db.destination);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it("merge: one row per distinct id, updated values win, nested rows follow their parents", async () => {
    const ids = new Set([...first, ...second].map((record) => record.id));
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("merged")}`)).toBe(ids.size);
    expect(await count(`SELECT COUNT(DISTINCT id) AS n FROM ${table("merged")}`)).toBe(ids.size);
    expect((await db.query(`SELECT user_key FROM ${table("merged")} WHERE id = 1`))[0]!["user_key"]).toBe("user_updated");
    const kept = [...second, first.find((record) => record.id === 2)!];
    expect(await tagsById("merged")).toEqual(expectedTags(kept));
    // Every nested row belongs to a root row and carries its root's id.
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("merged__tags")} AS t LEFT JOIN ${table("merged")} AS r ON r._dlt_id = t._dlt_root_id WHERE r._dlt_id IS NULL`)).toBe(0);
  });

  it("replace: exactly the second run's rows", async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("replaced")}`)).toBe(second.length);
    expect(await tagsById("replaced")).toEqual(expectedTags(second));
  });

  it("append: both runs' rows", async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("appended")}`)).toBe(first.length + second.length);
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("appended__tags")}`)).toBe([...first, ...second].reduce((sum, record) => sum + record.tags.length, 0));
  });

  it("upsert: one row per id, updated values win, a shrunk list loses its extra nested rows", async () => {
    const ids = new Set([...first, ...second].map((record) => record.id));
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("upserted")}`)).toBe(ids.size);
    expect((await db.query(`SELECT user_key FROM ${table("upserted")} WHERE id = 1`))[0]!["user_key"]).toBe("user_updated");
    expect(await tagsById("upserted")).toEqual(expectedTags([...second, first.find((record) => record.id === 2)!]));
  });

  it("scd2: the changed and the removed record are retired, the new versions are current", async () => {
    const current = await db.query(`SELECT id, user_key FROM ${table("versioned")} WHERE _dlt_valid_to IS NULL ORDER BY id`);
    expect(current.map((row) => Number(row["id"]))).toEqual(second.map((record) => record.id).sort((a, b) => a - b));
    expect(current.find((row) => Number(row["id"]) === 1)!["user_key"]).toBe("user_updated");
    const retired = await db.query(`SELECT id, user_key FROM ${table("versioned")} WHERE _dlt_valid_to IS NOT NULL ORDER BY id`);
    expect(retired.map((row) => [Number(row["id"]), row["user_key"]])).toEqual([
      [1, first[1]!.user_key],
      [2, first[2]!.user_key],
    ]);
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("versioned")}`)).toBe(first.length + 2);
    // Nested rows follow their versions: the current ones have the second run's tags, the retired ones keep theirs.
    expect(await tagsById("versioned", "r._dlt_valid_to IS NULL")).toEqual(expectedTags(second));
    expect(await tagsById("versioned", "r._dlt_valid_to IS NOT NULL")).toEqual(expectedTags([first[1]!, first[2]!]));
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("versioned__tags")} AS t LEFT JOIN ${table("versioned")} AS r ON r._dlt_id = t._dlt_parent_id WHERE r._dlt_id IS NULL`)).toBe(0);
  });

  it("deletes soft: rows the second run did not see are marked, the rest are not", async () => {
    const marked = await db.query(`SELECT id FROM ${table("soft_deleted")} WHERE _dlt_deleted_at IS NOT NULL`);
    expect(marked.map((row) => Number(row["id"]))).toEqual([2]);
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("soft_deleted")}`)).toBe(RECORDS + 1);
  });

  it("deletes hard: rows the second run did not see are gone, with their nested rows", async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("hard_deleted")} WHERE id = 2`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("hard_deleted")}`)).toBe(second.length);
    expect(await tagsById("hard_deleted")).toEqual(expectedTags(second));
  });

  it("a record without its primary key fails the sync, naming resource and position, and changes nothing", async () => {
    const before = await db.query(`SELECT (SELECT COUNT(*) FROM ${table("soft_deleted")} WHERE _dlt_deleted_at IS NOT NULL) AS marked, (SELECT COUNT(*) FROM ${table("hard_deleted")}) AS hard, (SELECT COUNT(*) FROM ${table("_dlt_loads")}) AS loads`);
    // Most records gone (a full read would delete them), and the fourth record has no id.
    api.records = [second[0]!, second[1]!, second[2]!, { ...second[3]!, id: undefined as unknown as number }];
    await expect(source().sync(db.destination)).rejects.toThrow('resource "merged": record 4 has no value for primary key "id"');
    api.records = second;
    const after = await db.query(`SELECT (SELECT COUNT(*) FROM ${table("soft_deleted")} WHERE _dlt_deleted_at IS NOT NULL) AS marked, (SELECT COUNT(*) FROM ${table("hard_deleted")}) AS hard, (SELECT COUNT(*) FROM ${table("_dlt_loads")}) AS loads`);
    expect(after).toEqual(before);
  });

  it("records each completed load once in _dlt_loads, and leaves no staging rows behind", async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM ${table("_dlt_loads")} WHERE status = 0`)).toBe(2);
    const staged = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'seed_dataset_staging'`);
    expect(staged).toEqual([]);
  });
});
