import { afterAll, describe, expect, it } from "vitest";
import { memoryStateStore } from "../../templates/runtime/state.js";
import { syncSource, type SyncSource } from "../../templates/runtime/sync/sync.js";
import { destinationFactories, type TestDatabase } from "../support/destinations.js";

/**
 * delete-insert copies nested rows without numbering them when every `_dlt_id` of the load was
 * generated (they are then distinct); a record that brings its own `_dlt_id` brings back dlt's
 * dedup of nested rows by `_dlt_id`. Both paths, on every destination.
 */
function source(records: readonly Record<string, unknown>[]): SyncSource {
  return {
    name: "ids",
    state: memoryStateStore(),
    resources: [
      {
        name: "items",
        metadata: { tableName: "items", primaryKey: "id", writeDisposition: "merge" },
        async *pages() {
          yield { records: [...records] };
        },
      },
    ],
  };
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.cleanup();
});

describe.each(destinationFactories)("delete-insert row ids into $name", (factory) => {
  const nested = (db: TestDatabase) =>
    db.query(`SELECT r.id, t.value, t._dlt_id FROM ids_dataset.items AS r JOIN ids_dataset.items__tags AS t ON t._dlt_root_id = r._dlt_id ORDER BY r.id, t._dlt_list_idx`);

  it("generated ids: a key repeated within the load keeps one record, with exactly its own nested rows", async () => {
    const db = await factory.create("merge-generated-ids");
    databases.push(db);
    await syncSource(db.destination, source([{ id: 1, tags: ["a", "b"] }, { id: 2, tags: ["c"] }, { id: 1, tags: ["a", "b"] }]));
    const rows = await nested(db);
    expect(rows.map((row) => [row["id"], row["value"]])).toEqual([[1, "a"], [1, "b"], [2, "c"]]);
    expect(new Set(rows.map((row) => row["_dlt_id"])).size).toBe(3);
  });

  it("ids the records bring: nested rows that share a _dlt_id load once", async () => {
    const db = await factory.create("merge-own-ids");
    databases.push(db);
    const record = { id: 1, _dlt_id: "own-id-1", tags: ["a", "b"] };
    await syncSource(db.destination, source([record, { id: 2, tags: ["c"] }, record]));
    // Both copies of record 1 staged the same nested ids (derived from "own-id-1"): one row each.
    expect(await db.query(`SELECT value, _dlt_root_id FROM ids_dataset.items__tags ORDER BY value`)).toEqual([
      { value: "a", _dlt_root_id: "own-id-1" },
      { value: "b", _dlt_root_id: "own-id-1" },
      { value: "c", _dlt_root_id: expect.not.stringMatching(/^own-id-1$/) },
    ]);
  });
});
