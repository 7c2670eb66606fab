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
  type FailureApi,
  type SyncTarget,
} from "../support/sync-process.js";

/**
 * Two syncs of the same dataset at once (dlt#4297) never interleave: the second waits for the
 * first to commit, then starts from the state the first left (its incremental cursor included),
 * or, when it may not wait that long, fails with a clear error and changes nothing.
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

const targets = syncTargets("concurrent", cleanups);

/** Sync sessions of this test's database waiting on an advisory lock (the dataset's). */
async function postgresLockWaiters(url: string): Promise<number> {
  const connection = await postgresDestination({ url }).connect();
  try {
    const [row] = await connection.query<{ n: number }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'gen-connector' AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
    );
    return row?.n ?? 0;
  } finally {
    await connection.close();
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(targets)("two syncs of one dataset at once: $kind", ({ kind, target: makeTarget }) => {
  let api: FailureApi;
  let target: SyncTarget;

  beforeAll(async () => {
    api = await startFailureApi();
    target = { kind, target: await makeTarget() };
  });

  afterAll(async () => {
    api.release();
    await api.server.close();
  });

  it("the second waits for the first, then continues from the state the first committed", async () => {
    const dataset = `wait_${randomBytes(4).toString("hex")}`;
    api.events = 150;
    api.holdPeopleAt = 100;
    const first = startSync(connectorDir, target, api, dataset);
    await api.held();
    const requestsWhileHeld = api.server.requests.length;

    const second = startSync(connectorDir, target, api, dataset, 60_000);
    if (kind === "postgres") await waitFor(async () => (await postgresLockWaiters(target.target)) === 1);
    else await new Promise((resolve) => setTimeout(resolve, 1500));
    // Waiting: it has not read anything from the API yet.
    expect(api.server.requests.length).toBe(requestsWhileHeld);
    api.events = 200;
    api.release();

    const [one, two] = await Promise.all([first.done, second.done]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([
      { resource: "events", rows: 150 },
      { resource: "people", rows: PEOPLE },
    ]);
    // The second read the cursor the first committed: only the 50 newer events.
    expect(JSON.parse(two.stdout)).toEqual([
      { resource: "events", rows: 50 },
      { resource: "people", rows: PEOPLE },
    ]);
    expect(api.eventSinces()).toEqual(["0", "0", "150"]);

    const after = await snapshot(target, dataset);
    const events = after[`${dataset}.events`]!.map((row) => (JSON.parse(row) as { id: string }).id);
    expect(events).toHaveLength(200);
    expect(new Set(events).size).toBe(200);
    expect(after[`${dataset}.people`]).toHaveLength(PEOPLE);
    expect(after[`${dataset}.people__tags`]).toHaveLength(2 * PEOPLE);
    expect(after[`${dataset}._dlt_loads`]).toHaveLength(2);
  }, SLOW_MS);

  it("a second sync that may not wait long enough fails clearly and changes nothing", async () => {
    const dataset = `busy_${randomBytes(4).toString("hex")}`;
    api.server.requests.length = 0;
    api.events = 10;
    api.holdPeopleAt = 0;
    const first = startSync(connectorDir, target, api, dataset);
    await api.held();

    // DuckDB: the first holds the file (one process at a time); Postgres: the dataset's advisory lock.
    const waitStarted = Date.now();
    const second = await startSync(connectorDir, target, api, dataset, 300).done;
    expect(second.code).toBe(1);
    const where = kind === "duckdb" ? `duckdb:${target.target}` : target.target.replace(/:[^:@/]*@/, "@");
    expect(second.stderr.trim()).toBe(`dataset "${dataset}" in ${where} is being synced by another process (waited 300 ms); try again when it has finished`);
    // It gave up after its own wait, not DuckDB's or the default 30 s (the child's start included).
    expect(Date.now() - waitStarted).toBeLessThan(25_000);
    api.release();
    const one = await first.done;
    expect(one.code, one.stderr).toBe(0);

    const after = await snapshot(target, dataset);
    expect(after[`${dataset}.events`]).toHaveLength(10);
    expect(after[`${dataset}._dlt_loads`]).toHaveLength(1);
    expect(api.eventSinces()).toEqual(["0"]);
  }, SLOW_MS);
});
