import {
  DatasetLockedError,
  importDriver,
  type ColumnSchema,
  type DataType,
  type Destination,
  type DestinationConnection,
  type SqlDialect,
  type SqlRow,
  type SqlValue,
  type TableRef,
} from "./destination.js";

/** Where to load: a DuckDB database file, created when missing. */
export interface DuckdbDestinationOptions {
  /** The database file, e.g. `seed.duckdb` (relative to the working directory). */
  path: string;
}

/** dlt's DuckDB names for its data types. */
const COLUMN_TYPES: Record<DataType, string> = {
  text: "VARCHAR",
  bigint: "BIGINT",
  double: "DOUBLE",
  decimal: "DECIMAL(38,9)",
  bool: "BOOLEAN",
  timestamp: "TIMESTAMP WITH TIME ZONE",
  date: "DATE",
  time: "TIME",
  json: "JSON",
  binary: "BLOB",
};

function quoteDuckdbIdentifier(name: string): string {
  if (name.length === 0 || name.includes("\u0000"))
    throw new Error(`invalid DuckDB identifier ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** The DuckDB SQL dialect: dlt's type names; identifiers are practically unlimited in length. */
export const duckdbDialect: SqlDialect = {
  name: "duckdb",
  maxIdentifierLength: 65536,
  quoteIdentifier: quoteDuckdbIdentifier,
  qualify: (ref) => `${quoteDuckdbIdentifier(ref.dataset)}.${quoteDuckdbIdentifier(ref.table)}`,
  columnType: (type) => COLUMN_TYPES[type],
  placeholder: (index) => `$${index}`,
};

// The few calls of `@duckdb/node-api` used here, typed locally (see `Destination`).
interface DuckdbAppender {
  appendVarchar(value: string): void;
  appendBigInt(value: bigint): void;
  appendDouble(value: number): void;
  appendBoolean(value: boolean): void;
  appendBlob(value: Uint8Array): void;
  appendNull(): void;
  endRow(): void;
  flushSync(): void;
  closeSync(): void;
}
interface DuckdbResult {
  getRowObjectsJS(): Record<string, unknown>[];
}
interface DuckdbConnection {
  run(sql: string, values?: unknown[]): Promise<unknown>;
  runAndReadAll(sql: string, values?: unknown[]): Promise<DuckdbResult>;
  createAppender(table: string, schema?: string | null): Promise<DuckdbAppender>;
  closeSync(): void;
}
interface DuckdbInstance {
  connect(): Promise<DuckdbConnection>;
}
interface DuckdbModule {
  DuckDBInstance: { fromCache(path: string): Promise<DuckdbInstance> };
  blobValue(bytes: Uint8Array): unknown;
}

/** In-process holders of dataset locks, by `path` and dataset; other processes are kept out by DuckDB's file lock. */
const heldLocks = new Map<string, Promise<void>>();

const LOCK_RETRY_MS = 100;

/**
 * Loads into a DuckDB file (each dataset a schema) through the optional package
 * `@duckdb/node-api`, imported only when a sync connects. Rows go in through DuckDB's
 * appender inside the load's transaction. A process holding the file keeps other
 * processes out (DuckDB's file lock): they wait, then fail with `DatasetLockedError`.
 */
export function duckdbDestination(options: DuckdbDestinationOptions): Destination {
  const description = `duckdb:${options.path}`;
  return {
    dialect: duckdbDialect,
    description,
    async connect(connectOptions = {}) {
      const duckdb = await importDriver<DuckdbModule>("@duckdb/node-api", "duckdb");
      const waitMs = connectOptions.waitMs ?? 30_000;
      const started = Date.now();
      for (;;) {
        try {
          const instance = await duckdb.DuckDBInstance.fromCache(options.path);
          return new DuckdbSession(await instance.connect(), duckdb, options.path, description);
        } catch (error) {
          // DuckDB's file lock: another process has the file open (another sync, most likely).
          const locked = /lock/i.test(String((error as Error).message));
          if (!locked) throw error;
          if (Date.now() - started >= waitMs)
            throw new DatasetLockedError(connectOptions.dataset, description, waitMs);
          await sleep(Math.min(LOCK_RETRY_MS, Math.max(0, waitMs - (Date.now() - started))));
        }
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class DuckdbSession implements DestinationConnection {
  readonly dialect = duckdbDialect;
  private inTransaction = false;
  private releaseLock: (() => void) | undefined;

  private readonly connection: DuckdbConnection;
  private readonly driver: DuckdbModule;
  private readonly path: string;
  private readonly description: string;

  constructor(
    connection: DuckdbConnection,
    driver: DuckdbModule,
    path: string,
    description: string,
  ) {
    this.connection = connection;
    this.driver = driver;
    this.path = path;
    this.description = description;
  }

  private bind(params: readonly SqlValue[]): unknown[] {
    return params.map((value) =>
      value instanceof Uint8Array ? this.driver.blobValue(value) : value,
    );
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<Row[]> {
    const result = await this.connection.runAndReadAll(sql, this.bind(params));
    return result.getRowObjectsJS().map((row) => {
      const converted: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) converted[name] = fromDuckdb(value);
      return converted as Row;
    });
  }

  async bulkLoad(
    table: TableRef,
    columns: readonly ColumnSchema[],
    batches: AsyncIterable<readonly SqlRow[]>,
  ): Promise<number> {
    // The appender fills every column of the table in order: build each row in table order.
    const tableColumns = await this.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
      [table.dataset, table.table],
    );
    const positions = new Map(columns.map((column, index) => [column.name, index]));
    const order = tableColumns.map(({ column_name }) => positions.get(column_name));
    const types = tableColumns.map(
      ({ column_name }) => columns.find((column) => column.name === column_name)?.type,
    );
    const appender = await this.connection.createAppender(table.table, table.dataset);
    let count = 0;
    try {
      for await (const batch of batches) {
        for (const row of batch) {
          for (let index = 0; index < order.length; index++) {
            const position = order[index];
            append(appender, position === undefined ? null : (row[position] ?? null), types[index]);
          }
          appender.endRow();
        }
        appender.flushSync();
        count += batch.length;
      }
    } finally {
      appender.closeSync();
    }
    return count;
  }

  async begin(): Promise<void> {
    await this.connection.run("BEGIN TRANSACTION");
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    try {
      await this.connection.run("COMMIT");
    } finally {
      this.endTransaction();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.inTransaction) await this.connection.run("ROLLBACK");
    } finally {
      this.endTransaction();
    }
  }

  private endTransaction(): void {
    this.inTransaction = false;
    this.releaseLock?.();
    this.releaseLock = undefined;
  }

  async lockDataset(dataset: string, options: { waitMs: number }): Promise<void> {
    const key = `${this.path}\u0000${dataset}`;
    const started = Date.now();
    for (let holder = heldLocks.get(key); holder !== undefined; holder = heldLocks.get(key)) {
      const remaining = options.waitMs - (Date.now() - started);
      const released = await Promise.race([
        holder.then(() => true),
        sleep(Math.max(0, remaining)).then(() => false),
      ]);
      if (!released) throw new DatasetLockedError(dataset, this.description, options.waitMs);
    }
    let release!: () => void;
    heldLocks.set(
      key,
      new Promise<void>((resolve) => {
        release = () => {
          heldLocks.delete(key);
          resolve();
        };
      }),
    );
    this.releaseLock = release;
  }

  async close(): Promise<void> {
    if (this.inTransaction) await this.rollback().catch(() => undefined);
    this.connection.closeSync();
  }
}

/** One value through the appender; DuckDB casts text to the column's type (timestamps, dates, JSON, decimals). */
function append(appender: DuckdbAppender, value: SqlValue, type: DataType | undefined): void {
  if (value === null) appender.appendNull();
  else if (typeof value === "string") appender.appendVarchar(value);
  else if (typeof value === "boolean") appender.appendBoolean(value);
  else if (typeof value === "bigint") appender.appendBigInt(value);
  else if (typeof value === "number") {
    if (type === "bigint") appender.appendBigInt(BigInt(value));
    else appender.appendDouble(value);
  } else appender.appendBlob(value);
}

function fromDuckdb(value: unknown): unknown {
  if (typeof value === "bigint")
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return value;
}
