import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, event, startEventServer } from "../../examples/incremental/server.js";
import { createSource } from "../../generated/incremental/index.js";
import { destinationFactories, type TestDatabase } from "../support/destinations.js";

/**
 * The incremental cursor lives in the destination: a second sync by a fresh source object
 * (no local state at all, as on a new machine) asks the API only for records after it.
 */
describe.each(destinationFactories)("incremental sync into $name", (factory) => {
  let api: Awaited<ReturnType<typeof startEventServer>>;
  let db: TestDatabase;

  beforeAll(async () => {
    api = await startEventServer(20);
    db = await factory.create("incremental_sync");
  });

  afterAll(async () => {
    await api.close();
    await db.cleanup();
  });

  it("resumes from the cursor stored in the destination, loading only new records", async () => {
    const first = await createSource({ baseUrl: api.url, secrets: { events_key: API_KEY } }).sync(db.destination);
    expect(first.resources[0]!.rows).toBe(20);
    const lastCursor = event(19).updated_at;

    api.add(20, 30);
    api.requests.length = 0;
    const second = await createSource({ baseUrl: api.url, secrets: { events_key: API_KEY } }).sync(db.destination);

    const sinces = api.requests.map((url) => new URL(url, "http://x").searchParams.get("updated_since"));
    expect(sinces.length).toBeGreaterThan(0);
    expect(new Set(sinces)).toEqual(new Set([lastCursor]));
    // The boundary record (same cursor as the last one loaded) is served again but not loaded again.
    expect(second.resources[0]!.rows).toBe(10);
    const rows = await db.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM incremental_dataset.events`);
    expect(rows[0]).toEqual({ n: 30, ids: 30 });
    const state = await db.query(`SELECT version FROM incremental_dataset._dlt_pipeline_state ORDER BY version`);
    expect(state.map((row) => row["version"])).toEqual([1, 2]);
  });
});
