/**
 * The destinations every disposition test runs against: each factory gives a fresh, empty
 * database (a real DuckDB file, a real Postgres database) and a way to read it back.
 */
import { join } from "node:path";
import type { Destination } from "../../templates/runtime/destinations/destination.js";
import { duckdbDestination } from "../../templates/runtime/destinations/duckdb.js";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import { postgresServer } from "./postgres-server.js";
import { tempDir } from "./temp-dir.js";

export interface TestDatabase {
  destination: Destination;
  /** Runs `sql` (with `$1`… bound to `params`) on a new connection and returns its rows. */
  query(sql: string, params?: (string | number | boolean | null)[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export interface DestinationFactory {
  name: "duckdb" | "postgres";
  create(prefix: string): Promise<TestDatabase>;
}

/** Reads through the destination itself: one connection per query, closed after it. */
export function queryThrough(destination: Destination): TestDatabase["query"] {
  return async (sql, params = []) => {
    const connection = await destination.connect();
    try {
      return await connection.query(sql, params);
    } finally {
      await connection.close();
    }
  };
}

export const duckdbFactory: DestinationFactory = {
  name: "duckdb",
  async create(prefix) {
    const dir = await tempDir(prefix);
    const destination = duckdbDestination({ path: join(dir.path, `${prefix}.duckdb`) });
    return { destination, query: queryThrough(destination), cleanup: dir.cleanup };
  },
};

/** A fresh database on the test run's Postgres server, dropped by `cleanup`. */
export const postgresFactory: DestinationFactory = {
  name: "postgres",
  async create(prefix) {
    const server = await postgresServer();
    const database = `${prefix.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = queryThrough(postgresDestination({ url: server.url }));
    await admin(`CREATE DATABASE "${database}"`);
    const destination = postgresDestination({ url: server.url.replace(/\/postgres$/, `/${database}`) });
    return { destination, query: queryThrough(destination), cleanup: async () => void (await admin(`DROP DATABASE "${database}" WITH (FORCE)`)) };
  },
};

export const destinationFactories: DestinationFactory[] = [duckdbFactory, postgresFactory];
