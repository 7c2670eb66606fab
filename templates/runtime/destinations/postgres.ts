import { createRedactor, type Redactor } from "../redact.js";
import {
  DatasetLockedError,
  importDriver,
  type ColumnSchema,
  type Destination,
  type DestinationConnection,
  type SqlRow,
  type SqlValue,
  type TableRef,
} from "./destination.js";
import { encodeCopyRows } from "./postgres-copy.js";
import { postgresDialect } from "./postgres-dialect.js";

/** Where to load: a `postgresql://user[:password]@host[:port]/database[?sslmode=…]` URL. */
export interface PostgresDestinationOptions {
  url: string;
  /** The password, when neither the URL nor the `PGPASSWORD` environment variable carries it. */
  password?: string;
  /** How long to wait for the server to accept the connection; 15 s by default, as dlt. */
  connectTimeoutMs?: number;
}

/**
 * Loads into a Postgres database (each dataset a schema), through the optional packages `pg`
 * and `pg-copy-streams`, imported only when a sync connects. Rows go in with `COPY … FROM STDIN`;
 * a load is one transaction; the dataset lock is a transaction-scoped advisory lock, so a second
 * sync of the same dataset waits for the first, and a killed sync's lock ends with its connection.
 * The password never appears in `description`, logs or errors.
 */
export function postgresDestination(options: PostgresDestinationOptions): Destination {
  const location = parsePostgresUrl(options.url);
  const description = location.description;
  return {
    dialect: postgresDialect,
    description,
    async connect() {
      const pg = await importDriver<PgModule>("pg", "postgres");
      const copyStreams = await importDriver<CopyStreamsModule>("pg-copy-streams", "postgres");
      const Client = pg.Client ?? pg.default?.Client;
      const copyFrom = copyStreams.from ?? copyStreams.default?.from;
      if (!Client || !copyFrom)
        throw new Error("unexpected shape of the pg / pg-copy-streams packages");
      const password = location.password ?? options.password ?? envPassword();
      const redact = createRedactor(password === undefined ? [] : [password]);
      const client = new Client({
        connectionString: options.url,
        ...(password === undefined ? {} : { password }),
        connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
        application_name: "gen-connector",
        types: { getTypeParser: (oid: number) => resultParsers[oid] ?? keepText },
      });
      // A broken connection is reported by the next statement; without a listener it would crash the process.
      let broken: Error | undefined;
      client.on("error", (error: Error) => (broken = error));
      try {
        await client.connect();
        // Timestamps come back in UTC, like dlt's sessions.
        await client.query("SET TIME ZONE 'UTC'");
      } catch (error) {
        await client.end().catch(() => undefined);
        throw new Error(`could not connect to ${description}: ${redact(messageOf(error))}`);
      }
      return new PostgresConnection(client, copyFrom, description, redact, () => broken);
    },
  };
}

interface PostgresLocation {
  description: string;
  password: string | undefined;
}

/** Reads the URL enough to describe it without its password; the driver parses it in full. */
function parsePostgresUrl(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: the text may hold a password.
    throw new Error(
      "invalid Postgres URL: expected postgresql://user[:password]@host[:port]/database",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(
      `invalid Postgres URL: the scheme must be postgresql://, not ${parsed.protocol}//`,
    );
  }
  const user = parsed.username === "" ? "" : `${parsed.username}@`;
  return {
    description: `postgresql://${user}${parsed.host}${parsed.pathname}`,
    password: parsed.password === "" ? undefined : decodeURIComponent(parsed.password),
  };
}

function envPassword(): string | undefined {
  // Read through globalThis, as secrets.ts does, so the connector type-checks without Node's types.
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.["PGPASSWORD"];
  return value === undefined || value === "" ? undefined : value;
}

class PostgresConnection implements DestinationConnection {
  readonly dialect = postgresDialect;

  private readonly client: PgClient;
  private readonly copyFrom: (sql: string) => CopyStream;
  private readonly description: string;
  private readonly redact: Redactor;
  private readonly brokenBy: () => Error | undefined;

  constructor(
    client: PgClient,
    copyFrom: (sql: string) => CopyStream,
    description: string,
    redact: Redactor,
    brokenBy: () => Error | undefined,
  ) {
    this.client = client;
    this.copyFrom = copyFrom;
    this.description = description;
    this.redact = redact;
    this.brokenBy = brokenBy;
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<Row[]> {
    const result = await this.run(() => this.client.query({ text: sql, values: params.slice() }));
    return result.rows as Row[];
  }

  async bulkLoad(
    table: TableRef,
    columns: readonly ColumnSchema[],
    batches: AsyncIterable<readonly SqlRow[]>,
  ): Promise<number> {
    const names = columns.map((column) => this.dialect.quoteIdentifier(column.name)).join(", ");
    const stream = this.client.query(
      this.copyFrom(`COPY ${this.dialect.qualify(table)} (${names}) FROM STDIN`),
    );
    // 'finish' comes once the server has confirmed the COPY; 'error' when the server refused it.
    let refused: Error | undefined;
    const finished = new Promise<void>((resolve, reject) => {
      stream.once("finish", () => resolve());
      stream.once("error", (error) => {
        refused = error;
        reject(error);
      });
    });
    finished.catch(() => undefined);
    let rows = 0;
    try {
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        if (!stream.write(encodeCopyRows(batch)))
          await Promise.race([
            new Promise<void>((resolve) => stream.once("drain", () => resolve())),
            finished,
          ]);
        rows += batch.length;
      }
      stream.end();
      await finished;
    } catch (error) {
      if (refused) throw this.explain(refused, `loading ${this.dialect.qualify(table)}`);
      // Our side failed (e.g. the source): abort the COPY (CopyFail), wait for the server, report the cause as it is.
      if (!stream.destroyed) {
        const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
        await closed;
      }
      throw error;
    }
    return rows;
  }

  async begin(): Promise<void> {
    await this.query("BEGIN");
  }

  async commit(): Promise<void> {
    await this.query("COMMIT");
  }

  async rollback(): Promise<void> {
    await this.query("ROLLBACK");
  }

  async lockDataset(dataset: string, options: { waitMs: number }): Promise<void> {
    // Advisory locks are per database; the key is a 64-bit hash of the dataset name.
    const key = `gen-connector dataset ${dataset}`;
    if (options.waitMs <= 0) {
      const [row] = await this.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked",
        [key],
      );
      if (!row?.locked) throw new DatasetLockedError(dataset, this.description, 0);
      return;
    }
    // Wait on the server (woken the moment the holder ends) for at most waitMs, then put lock_timeout back.
    const [previous] = await this.query<{ value: string }>(
      "SELECT current_setting('lock_timeout') AS value",
    );
    await this.query("SELECT set_config('lock_timeout', $1, true)", [
      `${Math.ceil(options.waitMs)}ms`,
    ]);
    try {
      await this.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
    } catch (error) {
      if ((error as { code?: unknown }).code === "55P03")
        throw new DatasetLockedError(dataset, this.description, options.waitMs);
      throw error;
    }
    await this.query("SELECT set_config('lock_timeout', $1, true)", [previous?.value ?? "0"]);
  }

  async close(): Promise<void> {
    // Closing the session rolls back an open transaction on the server.
    await this.client.end().catch(() => undefined);
  }

  private async run<Result>(statement: () => Promise<Result>): Promise<Result> {
    const broken = this.brokenBy();
    if (broken) throw this.explain(broken, "the connection was lost");
    try {
      return await statement();
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** The driver's error with our context, the SQLSTATE code kept, any password removed. */
  private explain(error: unknown, context?: string): Error {
    if (error instanceof DatasetLockedError) return error;
    const message = this.redact(messageOf(error));
    const explained = new Error(
      context ? `${context} in ${this.description}: ${message}` : message,
    ) as Error & { code?: unknown };
    const code = (error as { code?: unknown }).code;
    if (code !== undefined) explained.code = code;
    return explained;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const keepText = (text: string): string => text;

function parseInteger(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/**
 * `2024-01-01 10:00:00.5+00` (Postgres, UTC session) → `2024-01-01T10:00:00.500Z`: the shape of
 * `Date.toISOString()` (at least milliseconds), keeping microseconds when there are any.
 */
function parseTimestamp(text: string): string {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?(?:([+-]\d\d)(:\d\d)?)?$/.exec(
    text,
  );
  if (!match) return text;
  const [, date, time, fraction = "", hours, minutes] = match;
  const offset =
    hours === undefined
      ? ""
      : hours === "+00" && (minutes === undefined || minutes === ":00")
        ? "Z"
        : `${hours}${minutes ?? ":00"}`;
  return `${date}T${time}.${fraction.padEnd(3, "0")}${offset}`;
}

/** `\x0a1b` → bytes. */
function parseBytea(text: string): Uint8Array {
  const hex = text.startsWith("\\x") ? text.slice(2) : text;
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** Result values in the shapes of `SqlValue` (see `DestinationConnection.query`); every other type stays text. */
const resultParsers: Record<number, (text: string) => unknown> = {
  16: (text) => text === "t", // bool
  17: parseBytea, // bytea
  20: parseInteger, // int8
  21: Number, // int2
  23: Number, // int4
  700: Number, // float4
  701: Number, // float8
  1114: parseTimestamp, // timestamp without time zone
  1184: parseTimestamp, // timestamp with time zone
};

/** The parts of `pg` used here (typed locally, so a connector type-checks without `@types/pg`). */
interface PgModule {
  Client?: PgClientConstructor;
  default?: { Client?: PgClientConstructor };
}

type PgClientConstructor = new (config: Record<string, unknown>) => PgClient;

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: unknown[] }>;
  query(config: { text: string; values: SqlValue[] }): Promise<{ rows: unknown[] }>;
  query<Stream extends CopyStream>(stream: Stream): Stream;
  on(event: "error", listener: (error: Error) => void): void;
  end(): Promise<void>;
}

/** The parts of `pg-copy-streams` used here. */
interface CopyStreamsModule {
  from?: (sql: string) => CopyStream;
  default?: { from?: (sql: string) => CopyStream };
}

interface CopyStream {
  readonly destroyed: boolean;
  write(chunk: string): boolean;
  end(): void;
  destroy(error?: Error): void;
  once(event: "finish" | "drain" | "close", listener: () => void): void;
  once(event: "error", listener: (error: Error) => void): void;
}
