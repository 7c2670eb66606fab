import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DatasetLockedError } from "../../templates/runtime/destinations/destination.js";
import { duckdbDestination, duckdbDialect } from "../../templates/runtime/destinations/duckdb.js";
import { duckdbFactory } from "../support/destinations.js";
import { tempDir } from "../support/temp-dir.js";

describe("duckdb destination", () => {
  it("names the package to install when @duckdb/node-api is missing", async () => {
    // The runtime files alone, outside this repo, where the driver does not resolve.
    const runtime = join(import.meta.dirname, "..", "..", "templates", "runtime");
    const dir = await mkdtemp(join(tmpdir(), "no-duckdb-"));
    try {
      await mkdir(join(dir, "destinations"));
      for (const file of ["destination.ts", "duckdb.ts"]) await cp(join(runtime, "destinations", file), join(dir, "destinations", file));
      await writeFile(
        join(dir, "main.mts"),
        `import { duckdbDestination } from "./destinations/duckdb.ts";
await duckdbDestination({ path: "x.duckdb" }).connect().then(
  () => console.log("connected?"),
  (error) => console.log(error.name + ": " + error.message),
);`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(dir, "main.mts")], { cwd: join(import.meta.dirname, "..", "..") });
      expect(stdout.trim()).toBe('MissingDriverError: the duckdb destination needs the package "@duckdb/node-api": npm install @duckdb/node-api');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("quotes every name, and uses dlt's DuckDB type names", () => {
    expect(duckdbDialect.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(duckdbDialect.qualify({ dataset: "d", table: "select" })).toBe('"d"."select"');
    expect(duckdbDialect.columnType("timestamp")).toBe("TIMESTAMP WITH TIME ZONE");
    expect(duckdbDialect.columnType("decimal")).toBe("DECIMAL(38,9)");
  });

  it("rolls back bulk-loaded rows, and lets one session at a time hold a dataset's lock", async () => {
    const db = await duckdbFactory.create("duckdb-destination");
    try {
      const first = await db.destination.connect();
      const second = await db.destination.connect();
      await first.query(`CREATE SCHEMA ds`);
      await first.query(`CREATE TABLE ds.t (id BIGINT, name VARCHAR, "at" TIMESTAMP WITH TIME ZONE)`);
      await first.begin();
      await first.lockDataset("ds", { waitMs: 0 });
      const columns = [
        { name: "id", type: "bigint", nullable: false },
        { name: "name", type: "text", nullable: true },
        { name: "at", type: "timestamp", nullable: true },
      ] as const;
      async function* batches() {
        yield [[1, "a", "2026-01-01T00:00:00.123456Z"]];
        yield [[2n, null, null]];
      }
      expect(await first.bulkLoad({ dataset: "ds", table: "t" }, columns, batches())).toBe(2);
      expect(await first.query(`SELECT id, name, "at" FROM ds.t ORDER BY id`)).toEqual([
        { id: 1, name: "a", at: "2026-01-01T00:00:00.123Z" },
        { id: 2, name: null, at: null },
      ]);
      await second.begin();
      await expect(second.lockDataset("ds", { waitMs: 50 })).rejects.toBeInstanceOf(DatasetLockedError);
      await second.lockDataset("other", { waitMs: 0 });
      await second.rollback();
      const waiting = (async () => {
        await second.begin();
        await second.lockDataset("ds", { waitMs: 5000 });
        return second.query(`SELECT COUNT(*) AS n FROM ds.t`);
      })();
      await first.rollback();
      expect(await waiting).toEqual([{ n: 0 }]);
      await second.rollback();
      await first.close();
      await second.close();
    } finally {
      await db.cleanup();
    }
  });

  it("bulk-loads batch after batch into several tables, and sees every row after a schema change", async () => {
    const db = await duckdbFactory.create("duckdb-appenders");
    try {
      const session = await db.destination.connect();
      await session.query(`CREATE SCHEMA ds`);
      await session.query(`CREATE TABLE ds.a (id BIGINT NOT NULL, name VARCHAR)`);
      await session.query(`CREATE TABLE ds.b (value VARCHAR)`);
      await session.begin();
      const a = [
        { name: "id", type: "bigint", nullable: false },
        { name: "name", type: "text", nullable: true },
      ] as const;
      const b = [{ name: "value", type: "text", nullable: true }] as const;
      async function* one<T>(rows: T) {
        yield rows;
      }
      // Interleaved calls, as a resource's flushes run them: each table keeps its own appender.
      await session.bulkLoad({ dataset: "ds", table: "a" }, a, one([[1, "x"]]));
      await session.bulkLoad({ dataset: "ds", table: "b" }, b, one([["p"]]));
      await session.bulkLoad({ dataset: "ds", table: "a" }, a, one([[2, null]]));
      await session.bulkLoad({ dataset: "ds", table: "b" }, b, one([["q"], ["r"]]));
      expect(await session.query(`SELECT (SELECT COUNT(*) FROM ds.a) AS a, (SELECT COUNT(*) FROM ds.b) AS b`)).toEqual([{ a: 2, b: 3 }]);
      // A new column: later rows fill it, earlier rows keep NULL.
      await session.query(`ALTER TABLE ds.a ADD COLUMN score DOUBLE`);
      await session.bulkLoad({ dataset: "ds", table: "a" }, [...a, { name: "score", type: "double", nullable: true }], one([[3, "z", 1.5]]));
      await session.bulkLoad({ dataset: "ds", table: "a" }, a, one([[4, "w"]]));
      expect(await session.query(`SELECT id, name, score FROM ds.a ORDER BY id`)).toEqual([
        { id: 1, name: "x", score: null },
        { id: 2, name: null, score: null },
        { id: 3, name: "z", score: 1.5 },
        { id: 4, name: "w", score: null },
      ]);
      await session.bulkLoad({ dataset: "ds", table: "b" }, b, one([["s"]]));
      await session.commit();
      expect(await db.query(`SELECT COUNT(*) AS n FROM ds.b`)).toEqual([{ n: 4 }]);
      // A row that breaks a constraint fails its own call, not a later statement.
      await session.begin();
      await expect(session.bulkLoad({ dataset: "ds", table: "a" }, a, one([[null, "bad"]]))).rejects.toThrow(/NOT NULL/i);
      await session.rollback();
      expect(await db.query(`SELECT COUNT(*) AS n FROM ds.a`)).toEqual([{ n: 4 }]);
      await session.close();
    } finally {
      await db.cleanup();
    }
  });

  it("bounds DuckDB's memory and threads, 1 GB and 1 by default, and checks both options", async () => {
    const dir = await tempDir("duckdb-settings");
    try {
      const settings = `SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads`;
      const defaults = await duckdbDestination({ path: join(dir.path, "a.duckdb") }).connect();
      const [byDefault] = await defaults.query<{ memory: string; threads: number }>(settings);
      await defaults.close();
      expect(byDefault).toEqual({ memory: expect.stringMatching(/^(953\.6 MiB|1\.0 GiB|1000\.0 MB)$/), threads: 1 });
      const chosen = await duckdbDestination({ path: join(dir.path, "b.duckdb"), memoryLimit: "256MB", threads: 2 }).connect();
      expect(await chosen.query(settings)).toEqual([{ memory: expect.stringMatching(/^244\.1 MiB$/), threads: 2 }]);
      await chosen.close();
      await expect(duckdbDestination({ path: join(dir.path, "c.duckdb"), memoryLimit: "1GB'; DROP SCHEMA x; --" }).connect()).rejects.toThrow(
        'duckdbDestination: memoryLimit must be a size such as "512MB" or "4GB"',
      );
      await expect(duckdbDestination({ path: join(dir.path, "c.duckdb"), threads: 0 }).connect()).rejects.toThrow(
        "duckdbDestination: threads must be a positive integer, got 0",
      );
    } finally {
      await dir.cleanup();
    }
  });
});
