/**
 * The contract between the sync orchestrator (dialect-neutral: dispositions, state,
 * system tables) and a database. A destination only knows how to connect, run SQL
 * with bound values, bulk-load rows through its driver's fast path, and hold the
 * dataset lock; everything dlt-specific is built on top of this in `../sync/`.
 */

/** dlt's data types (its names), which every column of a loaded table has. */
export type DataType =
  | "text"
  | "bigint"
  | "double"
  | "decimal"
  | "bool"
  | "timestamp"
  | "date"
  | "time"
  | "json"
  | "binary";

/** A column as the orchestrator creates it: name already normalized and shortened for the dialect. */
export interface ColumnSchema {
  name: string;
  type: DataType;
  nullable: boolean;
}

/** A table inside a dataset (a DuckDB or Postgres schema). */
export interface TableRef {
  dataset: string;
  table: string;
}

/**
 * A value bound to a query parameter or bulk-loaded into a column. The orchestrator
 * hands each column values of one JS shape per `DataType`:
 * - `text`, `decimal`, `date`, `time`: `string` (`decimal` in plain notation, `date` as `YYYY-MM-DD`, `time` as `HH:MM:SS[.ffffff]`);
 * - `timestamp`: `string`, ISO 8601 with a UTC offset (`2024-01-01T10:00:00.123456Z`);
 * - `json`: `string`, serialized JSON;
 * - `bigint`: `bigint` or a safe-integer `number`; `double`: `number`; `bool`: `boolean`;
 * - `binary`: `Uint8Array`;
 * - any type: `null`.
 */
export type SqlValue = string | number | bigint | boolean | Uint8Array | null;

/** One row for `bulkLoad`: values in the order of its `columns`. */
export type SqlRow = readonly SqlValue[];

/** What differs between SQL databases, for the orchestrator to build its statements with. */
export interface SqlDialect {
  readonly name: "duckdb" | "postgres";
  /** The longest identifier the database keeps: dlt shortens longer names (Postgres 63, DuckDB effectively none). */
  readonly maxIdentifierLength: number;
  /** `name` as a quoted identifier, any character allowed (quotes doubled): the only way a name reaches SQL. */
  quoteIdentifier(name: string): string;
  /** `"dataset"."table"`. */
  qualify(ref: TableRef): string;
  /** The column type in DDL, e.g. `timestamp` → `TIMESTAMP WITH TIME ZONE` / `timestamp with time zone`. */
  columnType(type: DataType): string;
  /** The placeholder of the 1-based `index`th bound value (`$1` on both DuckDB and Postgres). */
  placeholder(index: number): string;
}

/**
 * One session on the database. The orchestrator uses one connection per sync:
 * `begin()`, `lockDataset()`, DDL, `bulkLoad()`s, merge SQL, state and `_dlt_loads`
 * rows, then `commit()`, so a load is all or nothing.
 */
export interface DestinationConnection {
  readonly dialect: SqlDialect;
  /**
   * Runs one statement with its values bound (never interpolated) and returns its rows as
   * objects by column name. Integers come back as `number` when safe, else `bigint`;
   * timestamps as ISO strings; other types as in `SqlValue`.
   */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlValue[],
  ): Promise<Row[]>;
  /**
   * Appends rows to an existing table through the driver's bulk path (DuckDB appender,
   * Postgres `COPY … FROM STDIN`), batch by batch as `batches` yields them, inside the
   * current transaction. Never one INSERT per row; never more than a batch in memory.
   * `columns` name the table columns the row values fill, in order; other columns get NULL.
   * Returns the number of rows loaded.
   */
  bulkLoad(
    table: TableRef,
    columns: readonly ColumnSchema[],
    batches: AsyncIterable<readonly SqlRow[]>,
  ): Promise<number>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /**
   * Takes the dataset's exclusive lock, held until `commit()`/`rollback()`, so two syncs of one
   * dataset never interleave. Waits up to `waitMs` for another holder, then throws
   * `DatasetLockedError`. Call it inside a transaction, before touching the dataset.
   */
  lockDataset(dataset: string, options: { waitMs: number }): Promise<void>;
  /** Ends the session; an open transaction is rolled back. */
  close(): Promise<void>;
}

/**
 * A database to sync into: `duckdbDestination({ path })`, `postgresDestination({ url })`.
 * An implementation loads its driver with `importDriver` and types the few driver calls it
 * makes itself, never with `import type` from the driver: a connector must type-check
 * without the drivers it does not use (and without Node's types).
 */
export interface Destination {
  readonly dialect: SqlDialect;
  /** Where it points, safe to print: no password (`duckdb:seed.duckdb`, `postgresql://user@host:5432/db`). */
  readonly description: string;
  /** Opens a session, loading the driver package on first use. */
  connect(options?: ConnectOptions): Promise<DestinationConnection>;
}

/** How `Destination.connect` treats a database that another process holds. */
export interface ConnectOptions {
  /**
   * How long to wait for another process that holds the whole database (DuckDB lets one
   * process at a time open a file) before failing with `DatasetLockedError`. Default 30 s.
   */
  waitMs?: number;
  /** The dataset the session is for, named in that error. */
  dataset?: string;
}

/** Another sync holds the dataset's lock and did not release it in time. */
export class DatasetLockedError extends Error {
  override name = "DatasetLockedError";
  /** Undefined when the whole database was held (a DuckDB file opened by another process). */
  readonly dataset: string | undefined;
  readonly destination: string;

  constructor(dataset: string | undefined, destination: string, waitedMs: number) {
    super(
      `${dataset === undefined ? "" : `dataset "${dataset}" in `}${destination} is being synced by another process (waited ${waitedMs} ms); try again when it has finished`,
    );
    this.dataset = dataset;
    this.destination = destination;
  }
}

/** The destination's driver package is not installed. */
export class MissingDriverError extends Error {
  override name = "MissingDriverError";
  readonly packageName: string;
  readonly destination: string;

  constructor(packageName: string, destination: string) {
    super(
      `the ${destination} destination needs the package "${packageName}": npm install ${packageName}`,
    );
    this.packageName = packageName;
    this.destination = destination;
  }
}

/**
 * Imports a driver package only when its destination is used, so a connector keeps `ofetch`
 * as its only required dependency. A missing package becomes a `MissingDriverError`.
 */
export async function importDriver<Module>(
  packageName: string,
  destination: string,
): Promise<Module> {
  try {
    return (await import(packageName)) as Module;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    if (missing && String((error as Error).message).includes(packageName))
      throw new MissingDriverError(packageName, destination);
    throw error;
  }
}
