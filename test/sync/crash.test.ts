import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import {
  PEOPLE,
  generateFailureConnector,
  snapshot,
  startFailureApi,
  startSync,
  syncTargets,
  syncToEnd,
  type FailureApi,
  type SyncTarget,
} from "../support/sync-process.js";

/**
 * A sync killed with SIGKILL midway (rows of both resources already bulk-loaded inside its
 * transaction, the second resource's third page in flight) leaves every table and the state
 * exactly as they were; the next sync completes, resumes from the last completed load's
 * cursor, and loads nothing twice.
 */
// Several child processes per test: generous limits for a busy 2-core machine (idle, each test takes seconds).
const SLOW_MS = 300_000;
let connectorDir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const connector = await generateFailureConnector();
  cleanups.push(connector.cleanup);
  connectorDir = connector.dir;
}, SLOW_MS);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const targets = syncTargets("crash", cleanups);

/** `schema.table:mode` of each lock the sync sessions (application_name gen-connector) hold in the dataset and its staging dataset. */
async function postgresSyncLocks(url: string, dataset: string): Promise<string[]> {
  const connection = await postgresDestination({ url }).connect();
  try {
    const rows = await connection.query<{ lock: string }>(
      `SELECT DISTINCT n.nspname || '.' || c.relname || ':' || l.mode AS lock FROM pg_locks l
         JOIN pg_class c ON c.oid = l.relation
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE n.nspname IN ($1, $2) AND a.application_name = 'gen-connector' AND a.state = 'idle in transaction'`,
      [dataset, `${dataset}_staging`],
    );
    return rows.map((row) => row.lock).sort();
  } finally {
    await connection.close();
  }
}

describe.each(targets)("a sync killed midway: $kind", ({ kind, target: makeTarget }) => {
  let api: FailureApi;
  let target: SyncTarget;
  const dataset = `crash_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    api = await startFailureApi();
    target = { kind, target: await makeTarget() };
  });

  afterAll(async () => {
    api.release();
    await api.server.close();
  });

  it("leaves tables and state as they were, and the next sync loads everything once", async () => {
    api.events = 150;
    expect(await syncToEnd(connectorDir, target, api, dataset)).toEqual([
      { resource: "events", rows: 150 },
      { resource: "people", rows: PEOPLE },
    ]);
    const before = await snapshot(target, dataset);
    expect(before[`${dataset}.events`]).toHaveLength(150);
    expect(before[`${dataset}._dlt_loads`]).toHaveLength(1);

    // New events and changed people; the sync is held on the third page of people, then killed.
    api.events = 420;
    api.version = "v2";
    api.holdPeopleAt = 200;
    const killed = startSync(connectorDir, target, api, dataset);
    await api.held();
    if (kind === "postgres") {
      // The killed sync was midway, inside its one transaction: it had written events (COPY holds
      // RowExclusiveLock). The held request may arrive while the sync still loads the page before
      // it (look-ahead): wait until the sync is idle in its transaction, waiting for that page.
      let locks = await postgresSyncLocks(target.target, dataset);
      for (let tries = 0; locks.length === 0 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        locks = await postgresSyncLocks(target.target, dataset);
      }
      expect(locks).toContain(`${dataset}.events:RowExclusiveLock`);
    }
    killed.child.kill("SIGKILL");
    expect((await killed.done).signal).toBe("SIGKILL");
    api.release();

    expect(await snapshot(target, dataset)).toEqual(before);

    // The next sync starts from the first sync's cursor (150), not from what the killed one read.
    const sincesBefore = api.eventSinces().length;
    expect(await syncToEnd(connectorDir, target, api, dataset)).toEqual([
      { resource: "events", rows: 270 },
      { resource: "people", rows: PEOPLE },
    ]);
    expect(api.eventSinces().slice(sincesBefore)).toEqual(["150", "150", "150"]);

    const after = await snapshot(target, dataset);
    const events = after[`${dataset}.events`]!.map((row) => JSON.parse(row) as { id: string; seq: number });
    expect(events).toHaveLength(420);
    expect(new Set(events.map((event) => event.id)).size).toBe(420);
    const people = after[`${dataset}.people`]!.map((row) => JSON.parse(row) as { id: number; name: string });
    expect(people).toHaveLength(PEOPLE);
    expect(people.every((person) => person.name.endsWith(" v2"))).toBe(true);
    // Each person's tags were replaced, not doubled: 2 per person.
    expect(after[`${dataset}.people__tags`]).toHaveLength(2 * PEOPLE);
    expect(after[`${dataset}._dlt_loads`]).toHaveLength(2);
  }, SLOW_MS);
});
