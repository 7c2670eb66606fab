/**
 * What the failure tests (SIGKILL midway, two syncs at once) share: a local API whose pages
 * can be held open, a connector generated from a config with an incremental `append` resource
 * and a `merge` resource with a nested list, syncs run as child processes (so they can be
 * killed), and a snapshot of every table of a dataset, read from this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServerResponse } from "node:http";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import { generateConnector } from "./generate-connector.js";
import { sendJson, startServer, type LoggedRequest, type TestServer } from "./http-server.js";
import { postgresServer } from "./postgres-server.js";
import { tempDir } from "./temp-dir.js";

/** The local API: `events` (grows between syncs, read incrementally by `seq`) and `people` (each with `tags`). */
export interface FailureApi {
  server: TestServer;
  /** Events 1..n exist. */
  events: number;
  /** Appended to every person's name: changes what a merge writes. */
  version: string;
  /** While set, a `people` request at this offset is held open until `release()`. */
  holdPeopleAt: number | undefined;
  /** Resolves when a request is being held. */
  held(): Promise<void>;
  release(): void;
  /** The `since` values of the `events` requests, in order. */
  eventSinces(): string[];
}

export const PEOPLE = 300;
const PAGE = 100;

export async function startFailureApi(): Promise<FailureApi> {
  let heldResolve: () => void = () => undefined;
  let heldPromise = new Promise<void>((resolve) => (heldResolve = resolve));
  let releaseHeld: () => void = () => undefined;
  const api: FailureApi = {
    server: undefined as unknown as TestServer,
    events: 0,
    version: "v1",
    holdPeopleAt: undefined,
    held: () => heldPromise,
    release() {
      api.holdPeopleAt = undefined;
      releaseHeld();
    },
    eventSinces: () => api.server.requests.filter((request) => request.url.startsWith("/events")).map((request) => request.query.get("since") ?? ""),
  };
  api.server = await startServer(async (request: LoggedRequest, response: ServerResponse) => {
    const offset = Number(request.query.get("offset") ?? 0);
    const limit = Number(request.query.get("limit") ?? PAGE);
    if (request.url.startsWith("/events")) {
      const since = Number(request.query.get("since") ?? 0);
      const all = Array.from({ length: api.events }, (_, index) => ({ id: `e${index + 1}`, seq: index + 1, payload: `event ${index + 1}` }));
      const matching = all.filter((event) => event.seq > since);
      sendJson(response, { data: matching.slice(offset, offset + limit), total: matching.length });
      return;
    }
    if (api.holdPeopleAt === offset) {
      await new Promise<void>((resolve) => {
        releaseHeld = resolve;
        heldResolve();
      });
      heldPromise = new Promise<void>((resolve) => (heldResolve = resolve));
    }
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      id: index + 1,
      name: `person ${index + 1} ${api.version}`,
      tags: [`t${index % 3}`, api.version],
    }));
    sendJson(response, { data: people.slice(offset, offset + limit), total: PEOPLE });
  });
  return api;
}

const CONFIG = {
  name: "failures",
  client: { base_url: "http://127.0.0.1:1" },
  resources: [
    {
      name: "events",
      primary_key: "id",
      write_disposition: "append",
      endpoint: {
        path: "/events",
        data_selector: "data",
        params: { since: "{incremental.start_value}" },
        paginator: { type: "offset", limit: PAGE },
        incremental: { cursor_path: "seq", initial_value: 0 },
      },
    },
    {
      name: "people",
      primary_key: "id",
      write_disposition: "merge",
      endpoint: { path: "/people", data_selector: "data", paginator: { type: "offset", limit: PAGE } },
    },
  ],
};

const CHILD = `import { createSource, duckdbDestination, postgresDestination } from "./index.ts";
const [kind, target, baseUrl, dataset, lockWaitMs] = process.argv.slice(2);
const destination = kind === "duckdb" ? duckdbDestination({ path: target }) : postgresDestination({ url: target });
try {
  // Small batches: rows reach the database page by page, inside the one transaction.
  const summary = await createSource({ baseUrl }).sync(destination, { dataset, batchRows: 50, lockWaitMs: Number(lockWaitMs) });
  console.log(JSON.stringify(summary.resources.map(({ resource, rows }) => ({ resource, rows }))));
} catch (error) {
  console.error(String(error && error.message));
  process.exitCode = 1;
}
`;

/** A connector generated from the failure config, with a script that syncs it. */
export async function generateFailureConnector(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const generated = await generateConnector("failures", CONFIG);
  await writeFile(join(generated.dir, "sync.mts"), CHILD);
  return { dir: generated.dir, cleanup: generated.cleanup };
}

export interface SyncTarget {
  kind: "duckdb" | "postgres";
  /** The DuckDB file or the Postgres URL. */
  target: string;
}

export interface SyncRun {
  child: ChildProcess;
  /** Exit code (null when killed) with what the child printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `sync.mts` of `connectorDir` in a child process. */
export function startSync(connectorDir: string, target: SyncTarget, api: FailureApi, dataset: string, lockWaitMs = 30_000): SyncRun {
  const child = spawn(process.execPath, ["--import", "tsx", join(connectorDir, "sync.mts"), target.kind, target.target, api.server.url, dataset, String(lockWaitMs)], {
    cwd: join(import.meta.dirname, "..", ".."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs a sync to its end and fails with its output unless it succeeded. */
export async function syncToEnd(connectorDir: string, target: SyncTarget, api: FailureApi, dataset: string): Promise<{ resource: string; rows: number }[]> {
  const result = await startSync(connectorDir, target, api, dataset).done;
  if (result.code !== 0) throw new Error(`sync exited with ${result.code ?? result.signal}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { resource: string; rows: number }[];
}

/** Every table of `dataset` (and of its staging dataset) with its rows, in a stable order. */
export type Snapshot = Record<string, string[]>;

export async function snapshot(target: SyncTarget, dataset: string): Promise<Snapshot> {
  const read = target.kind === "duckdb" ? await duckdbReader(target.target) : await postgresReader(target.target);
  try {
    const result: Snapshot = {};
    for (const schema of [dataset, `${dataset}_staging`]) {
      const tables = await read("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
      for (const { table_name } of tables) {
        const name = String(table_name);
        const rows = await read(`SELECT * FROM "${schema}"."${name}"`, []);
        result[`${schema}.${name}`] = rows.map((row) => JSON.stringify(row, (_, value: unknown) => (typeof value === "bigint" ? String(value) : value))).sort();
      }
    }
    return result;
  } finally {
    await read.close();
  }
}

type Reader = ((sql: string, params: string[]) => Promise<Record<string, unknown>[]>) & { close(): Promise<void> };

async function postgresReader(url: string): Promise<Reader> {
  const connection = await postgresDestination({ url }).connect();
  return Object.assign((sql: string, params: string[]) => connection.query(sql, params), { close: () => connection.close() });
}

/** Reads the file with a DuckDB instance of its own, closed after, so the file is free again for the next sync. */
async function duckdbReader(path: string): Promise<Reader> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  return Object.assign(
    async (sql: string, params: string[]) => (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[],
    {
      async close() {
        connection.closeSync();
        instance.closeSync();
      },
    },
  );
}

/** A database of its own on the test run's Postgres (so session counts see only this test's syncs), dropped by `cleanup`. */
export async function freshPostgresDatabase(prefix: string): Promise<{ url: string; urlWithoutPassword: string; cleanup: () => Promise<void> }> {
  const server = await postgresServer();
  const database = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await postgresDestination({ url: server.url }).connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.close();
  }
  return {
    url: server.url.replace(/\/postgres$/, `/${database}`),
    urlWithoutPassword: server.urlWithoutPassword.replace(/\/postgres$/, `/${database}`),
    async cleanup() {
      const connection = await postgresDestination({ url: server.url }).connect();
      try {
        await connection.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await connection.close();
      }
    },
  };
}

/** Where a failure test syncs to: a fresh DuckDB file or a fresh Postgres database per call, named after `prefix`, removed by what it pushes onto `cleanups`. */
export function syncTargets(prefix: string, cleanups: (() => Promise<void>)[]): { kind: SyncTarget["kind"]; target(): Promise<string> }[] {
  return [
    {
      kind: "duckdb",
      async target() {
        const dir = await tempDir(prefix);
        cleanups.push(dir.cleanup);
        return `${dir.path}/${prefix}.duckdb`;
      },
    },
    {
      kind: "postgres",
      async target() {
        const database = await freshPostgresDatabase(prefix);
        cleanups.push(database.cleanup);
        return database.url;
      },
    },
  ];
}
