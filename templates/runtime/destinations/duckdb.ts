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
  /**
   * DuckDB's `memory_limit` for this database, e.g. `"512MB"` or `"4GB"`. Past it, DuckDB spills
   * query state and the load's uncommitted rows to a `.tmp` directory beside the file. Default
   * `"1GB"` (DuckDB's own default is 80% of the machine's memory).
   */
  memoryLimit?: string;
  /**
   * How many threads DuckDB runs queries on. Default 1: a load appends rows on one thread anyway,
   * and every extra thread adds its own working memory to the merge queries. Raise it for merges
   * of millions of rows.
   */
  threads?: number;
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
  appendInteger(value: number): void;
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
          const connection = await instance.connect();
          const memoryLimit = await configure(connection, options);
          return new DuckdbSession(connection, duckdb, options.path, description, memoryLimit);
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

/** Applies the memory settings (instance-wide in DuckDB: every connection to the file shares them); returns the limit. */
async function configure(
  connection: DuckdbConnection,
  options: DuckdbDestinationOptions,
): Promise<string> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(
      `duckdbDestination: threads must be a positive integer, got ${String(threads)}`,
    );
  // Bound values are not accepted by SET: the limit is checked to be a plain size first.
  const memoryLimit = options.memoryLimit ?? "1GB";
  if (!/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(memoryLimit))
    throw new Error(
      `duckdbDestination: memoryLimit must be a size such as "512MB" or "4GB", got ${JSON.stringify(memoryLimit)}`,
    );
  await connection.run(`SET threads = ${threads}`);
  await connection.run(`SET memory_limit = '${memoryLimit}'`);
  // A load's uncommitted rows go to the file a full row group (122,880 rows) at a time, rather
  // than five at a time (DuckDB's default), so they leave memory sooner on large loads.
  await connection.run(`SET write_buffer_row_group_count = 1`);
  return memoryLimit;
}

/** Appenders are kept by table; dataset and table names are snake_case, so NUL separates them safely. */
function appenderKey(table: TableRef): string {
  return `${table.dataset}\u0000${table.table}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An appender kept open between `bulkLoad` calls into one table, with that table's column order. */
interface OpenAppender {
  appender: DuckdbAppender;
  /** The `columns` it was opened for: another list opens a new appender. */
  signature: string;
  /** For each table column, in table order: its index in the loaded row, if loaded. */
  order: (number | undefined)[];
  types: (DataType | undefined)[];
}

class DuckdbSession implements DestinationConnection {
  readonly dialect = duckdbDialect;
  private inTransaction = false;
  private releaseLock: (() => void) | undefined;
  /**
   * Appenders by table, kept open from one batch to the next: opening one per batch costs
   * DuckDB memory that stays with the transaction. Any other statement closes them first,
   * so it sees every appended row and may change the tables.
   */
  private readonly appenders = new Map<string, OpenAppender>();

  private readonly connection: DuckdbConnection;
  private readonly driver: DuckdbModule;
  private readonly path: string;
  private readonly description: string;
  private readonly memoryLimit: string;

  constructor(
    connection: DuckdbConnection,
    driver: DuckdbModule,
    path: string,
    description: string,
    memoryLimit: string,
  ) {
    this.connection = connection;
    this.driver = driver;
    this.path = path;
    this.description = description;
    this.memoryLimit = memoryLimit;
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
    this.closeAppenders();
    const result = await this.connection
      .runAndReadAll(sql, this.bind(params))
      .catch((error: unknown) => Promise.reject(withMemoryHint(error, this.memoryLimit)));
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
    const { appender, order, types } = await this.appenderFor(table, columns);
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
        // Into the transaction now, so a constraint a row breaks fails this call.
        appender.flushSync();
        count += batch.length;
      }
    } catch (error) {
      this.appenders.delete(appenderKey(table));
      try {
        appender.closeSync();
      } catch {
        // The error above is the one to report.
      }
      throw error;
    }
    return count;
  }

  private async appenderFor(
    table: TableRef,
    columns: readonly ColumnSchema[],
  ): Promise<OpenAppender> {
    const key = appenderKey(table);
    const signature = columns.map((column) => `${column.name}\u0000${column.type}`).join("\u0001");
    const open = this.appenders.get(key);
    if (open?.signature === signature) return open;
    if (open) {
      this.appenders.delete(key);
      open.appender.closeSync();
    }
    // The appender fills every column of the table in order: build each row in table order.
    const result = await this.connection.runAndReadAll(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
      [table.dataset, table.table],
    );
    const tableColumns = result.getRowObjectsJS().map((row) => String(row["column_name"]));
    const positions = new Map(columns.map((column, index) => [column.name, index]));
    const opened: OpenAppender = {
      appender: await this.connection.createAppender(table.table, table.dataset),
      signature,
      order: tableColumns.map((name) => positions.get(name)),
      types: tableColumns.map((name) => columns.find((column) => column.name === name)?.type),
    };
    this.appenders.set(key, opened);
    return opened;
  }

  /** Closes the open appenders; their rows were flushed into the transaction batch by batch. */
  private closeAppenders(): void {
    const open = [...this.appenders.values()];
    this.appenders.clear();
    for (const { appender } of open) appender.closeSync();
  }

  async begin(): Promise<void> {
    this.closeAppenders();
    await this.connection.run("BEGIN TRANSACTION");
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    try {
      this.closeAppenders();
      await this.connection.run("COMMIT");
    } finally {
      this.endTransaction();
    }
  }

  async rollback(): Promise<void> {
    try {
      try {
        this.closeAppenders();
      } catch {
        // Rows that failed to close are rolled back with the rest.
      }
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
    try {
      this.closeAppenders();
    } catch {
      // Closing anyway.
    }
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
    // A 32-bit integer goes in as one (DuckDB widens it): a BigInt per value is garbage on the hot path.
    if (type === "bigint")
      if ((value | 0) === value) appender.appendInteger(value);
      else appender.appendBigInt(BigInt(value));
    else appender.appendDouble(value);
  } else appender.appendBlob(value);
}

/** DuckDB's out-of-memory error names its own `SET`; ours points at the destination's option. */
function withMemoryHint(error: unknown, memoryLimit: string): unknown {
  if (error instanceof Error && /^Out of Memory Error/.test(error.message))
    error.message = `${error.message}\n(the load needs more than duckdbDestination's memoryLimit, now ${memoryLimit}: raise it)`;
  return error;
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
