/**
 * The destinations every disposition test runs against: each factory gives a fresh, empty
 * database (a real DuckDB file, a real Postgres database) and a way to read it back.
 */
import { join } from "node:path";
import type { Destination } from "../../templates/runtime/destinations/destination.js";
import { duckdbDestination } from "../../templates/runtime/destinations/duckdb.js";
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

export const destinationFactories: DestinationFactory[] = [duckdbFactory];
