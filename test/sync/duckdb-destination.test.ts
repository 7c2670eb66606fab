import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DatasetLockedError } from "../../templates/runtime/destinations/destination.js";
import { duckdbDialect } from "../../templates/runtime/destinations/duckdb.js";
import { duckdbFactory } from "../support/destinations.js";

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
});
