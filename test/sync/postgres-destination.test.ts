import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DatasetLockedError, type ColumnSchema, type DataType, type DestinationConnection, type SqlRow } from "../../templates/runtime/destinations/destination.js";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import { postgresDialect, quotePostgresIdentifier } from "../../templates/runtime/destinations/postgres-dialect.js";
import { postgresServer, type PostgresServer } from "../support/postgres-server.js";

let server: PostgresServer;
const open: DestinationConnection[] = [];

beforeAll(async () => {
  server = await postgresServer();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});

async function connect(url = server.url): Promise<DestinationConnection> {
  const connection = await postgresDestination({ url }).connect();
  open.push(connection);
  return connection;
}

/** A fresh schema (dataset) for one test, so tests never see each other's tables. */
async function freshDataset(connection: DestinationConnection): Promise<string> {
  const dataset = `t_${randomBytes(6).toString("hex")}`;
  await connection.query(`CREATE SCHEMA ${postgresDialect.quoteIdentifier(dataset)}`);
  return dataset;
}

async function* inBatches(rows: readonly SqlRow[], size: number): AsyncGenerator<readonly SqlRow[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * Deterministic arbitrary text: random code points from every plane (no NUL, which Postgres cannot
 * store, and no lone surrogates, which are not text), salted with what COPY's text format gives a meaning to.
 */
function arbitraryText(seed: number): string {
  let state = seed;
  const next = (below: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % below;
  };
  const special = ["\\", "\t", "\n", "\r", "\\N", "\\.", "\t\\N\t", "'", '"', "\u2028", "\uFEFF", "\u0001", "\u007F"];
  let text = "";
  for (let part = next(12); part > 0; part--) {
    if (next(3) === 0) text += special[next(special.length)];
    else {
      const planes = [0x80, 0x800, 0xd800, 0x110000];
      let codePoint = 1 + next(planes[next(planes.length)]! - 1);
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint += 0x800;
      text += String.fromCodePoint(codePoint);
    }
  }
  return text;
}

describe("postgres destination: connection", () => {
  it("connects with the password in the URL, or from PGPASSWORD, and never shows it", async () => {
    const destination = postgresDestination({ url: server.url });
    expect(destination.description).toBe(server.urlWithoutPassword);
    expect(destination.description).not.toContain(server.password);
    expect(await (await connect()).query("SELECT current_user AS who")).toEqual([{ who: "postgres" }]);

    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = server.password;
    try {
      const connection = await connect(server.urlWithoutPassword);
      expect(await connection.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
  });

  it("reports a wrong password or a bad URL without echoing any password", async () => {
    const wrong = server.url.replace(server.password, "not-the-password-4711");
    const failure = await postgresDestination({ url: wrong }).connect().catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`could not connect to ${server.urlWithoutPassword}`);
    expect((failure as Error).message).toMatch(/password authentication failed/);
    expect((failure as Error).message).not.toContain("not-the-password-4711");

    expect(() => postgresDestination({ url: "postgresql://u:secret-1@[bad" })).toThrow(/^invalid Postgres URL: expected postgresql:\/\//);
    expect(() => postgresDestination({ url: "postgresql://u:secret-1@[bad" })).not.toThrow(/secret-1/);
    expect(() => postgresDestination({ url: "mysql://u:secret-1@host/db" })).toThrow("the scheme must be postgresql://, not mysql://");
  });
});

describe("postgres destination: drivers", () => {
  it("names the package to install when pg is missing", async () => {
    // The runtime files alone, outside this repo, where neither pg nor pg-copy-streams resolves.
    const runtime = join(import.meta.dirname, "..", "..", "templates", "runtime");
    const dir = await mkdtemp(join(tmpdir(), "no-pg-"));
    try {
      await mkdir(join(dir, "destinations"));
      for (const file of ["destination.ts", "postgres.ts", "postgres-copy.ts", "postgres-dialect.ts"]) {
        await cp(join(runtime, "destinations", file), join(dir, "destinations", file));
      }
      await cp(join(runtime, "redact.ts"), join(dir, "redact.ts"));
      await writeFile(
        join(dir, "main.mts"),
        `import { postgresDestination } from "./destinations/postgres.ts";
await postgresDestination({ url: "postgresql://u:pw@127.0.0.1:1/db" }).connect().then(
  () => console.log("connected?"),
  (error) => console.log(error.name + ": " + error.message),
);`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(dir, "main.mts")], {
        cwd: join(import.meta.dirname, "..", ".."),
      });
      expect(stdout.trim()).toBe('MissingDriverError: the postgres destination needs the package "pg": npm install pg');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("postgres destination: dialect", () => {
  it("uses dlt's Postgres type names and refuses names Postgres would cut", () => {
    const types: Record<DataType, string> = {
      text: "varchar",
      bigint: "bigint",
      double: "double precision",
      decimal: "numeric(38,9)",
      bool: "boolean",
      timestamp: "timestamp with time zone",
      date: "date",
      time: "time without time zone",
      json: "jsonb",
      binary: "bytea",
    };
    for (const [type, sql] of Object.entries(types)) expect(postgresDialect.columnType(type as DataType)).toBe(sql);
    expect(postgresDialect.maxIdentifierLength).toBe(63);
    expect(postgresDialect.placeholder(3)).toBe("$3");
    expect(quotePostgresIdentifier('we"ird')).toBe('"we""ird"');
    expect(postgresDialect.qualify({ dataset: "d", table: "select" })).toBe('"d"."select"');
    expect(quotePostgresIdentifier("x".repeat(63))).toBe(`"${"x".repeat(63)}"`);
    expect(() => quotePostgresIdentifier("x".repeat(64))).toThrow(/longer than 63 bytes/);
    // 32 two-byte characters are 64 bytes: Postgres counts bytes.
    expect(() => quotePostgresIdentifier("é".repeat(32))).toThrow(/longer than 63 bytes/);
    expect(() => quotePostgresIdentifier("a\u0000b")).toThrow(/invalid Postgres identifier/);
  });
});

describe("postgres destination: bulk load", () => {
  const columns: ColumnSchema[] = [
    { name: "text", type: "text", nullable: true },
    { name: "big", type: "bigint", nullable: true },
    { name: "dbl", type: "double", nullable: true },
    { name: "dec", type: "decimal", nullable: true },
    { name: "flag", type: "bool", nullable: true },
    { name: "ts", type: "timestamp", nullable: true },
    { name: "day", type: "date", nullable: true },
    { name: "at", type: "time", nullable: true },
    { name: "doc", type: "json", nullable: true },
    { name: "bytes", type: "binary", nullable: true },
  ];

  async function createTable(connection: DestinationConnection, dataset: string, table: string, tableColumns = columns): Promise<void> {
    const definitions = tableColumns.map(
      (column) => `${postgresDialect.quoteIdentifier(column.name)} ${postgresDialect.columnType(column.type)}${column.nullable ? "" : " NOT NULL"}`,
    );
    await connection.query(`CREATE TABLE ${postgresDialect.qualify({ dataset, table })} (${definitions.join(", ")})`);
  }

  it("loads every type through COPY and reads the same values back", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    await createTable(connection, dataset, "all_types");
    const awkward = "tab\there\nnew line\r\\N back\\slash \\. 'single' \"double\" ; DROP TABLE x; -- é 日本語 😀";
    const rows: SqlRow[] = [
      [awkward, 9007199254740993n, 1.5, "12345.123456789", true, "2024-01-01T10:00:00.123456Z", "2024-02-29", "23:59:59.5", '{"a": [1, "\\t"]}', new Uint8Array([0, 9, 92, 255])],
      ["\\N", -42, Number.POSITIVE_INFINITY, "-0.5", false, "1999-12-31T23:00:00Z", "1970-01-01", "00:00:00", "[]", new Uint8Array([])],
      [null, null, null, null, null, null, null, null, null, null],
      ["", 0, -0.25, "0", true, "2024-06-01T12:00:00+02:00", "2000-01-01", "12:00:00", '"just a string"', new Uint8Array([10, 13])],
    ];
    await connection.begin();
    expect(await connection.bulkLoad({ dataset, table: "all_types" }, columns, inBatches(rows, 2))).toBe(4);
    await connection.commit();

    const back = await connection.query(`SELECT * FROM ${postgresDialect.qualify({ dataset, table: "all_types" })}`);
    expect(back).toEqual([
      {
        text: awkward,
        big: 9007199254740993n,
        dbl: 1.5,
        dec: "12345.123456789",
        flag: true,
        ts: "2024-01-01T10:00:00.123456Z",
        day: "2024-02-29",
        at: "23:59:59.5",
        doc: '{"a": [1, "\\t"]}',
        bytes: new Uint8Array([0, 9, 92, 255]),
      },
      {
        text: "\\N",
        big: -42,
        dbl: Number.POSITIVE_INFINITY,
        dec: "-0.500000000",
        flag: false,
        ts: "1999-12-31T23:00:00.000Z",
        day: "1970-01-01",
        at: "00:00:00",
        doc: "[]",
        bytes: new Uint8Array([]),
      },
      { text: null, big: null, dbl: null, dec: null, flag: null, ts: null, day: null, at: null, doc: null, bytes: null },
      {
        text: "",
        big: 0,
        dbl: -0.25,
        dec: "0.000000000",
        flag: true,
        ts: "2024-06-01T10:00:00.000Z",
        day: "2000-01-01",
        at: "12:00:00",
        doc: '"just a string"',
        bytes: new Uint8Array([10, 13]),
      },
    ]);
  });

  it("round-trips arbitrary text through COPY: every code point, COPY's own escapes and separators mixed in", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    const tableColumns: ColumnSchema[] = [
      { name: "n", type: "bigint", nullable: false },
      { name: "s", type: "text", nullable: true },
      { name: "j", type: "json", nullable: true },
    ];
    await createTable(connection, dataset, "fuzz", tableColumns);
    const values = Array.from({ length: 400 }, (_, index) => arbitraryText(index + 1));
    const rows: SqlRow[] = values.map((value, index) => [index, value, JSON.stringify({ value })]);
    await connection.bulkLoad({ dataset, table: "fuzz" }, tableColumns, inBatches(rows, 64));
    const back = await connection.query<{ s: string; j: string }>(`SELECT s, j FROM ${postgresDialect.qualify({ dataset, table: "fuzz" })} ORDER BY n`);
    expect(back.map((row) => row.s)).toEqual(values);
    expect(back.map((row) => (JSON.parse(row.j) as { value: string }).value)).toEqual(values);
  });

  it("binds query values and fills only the named columns", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    await createTable(connection, dataset, "partial");
    await connection.bulkLoad({ dataset, table: "partial" }, [columns[1]!, columns[0]!], inBatches([[7, "seven"]], 1));
    const table = postgresDialect.qualify({ dataset, table: "partial" });
    const injection = "seven' OR '1'='1";
    expect(await connection.query(`SELECT count(*) AS n FROM ${table} WHERE text = $1`, [injection])).toEqual([{ n: 0 }]);
    expect(await connection.query(`SELECT big, text, flag FROM ${table} WHERE text = $1 AND big = $2`, ["seven", 7n])).toEqual([
      { big: 7, text: "seven", flag: null },
    ]);
  });

  it("streams many batches, and a rollback leaves nothing behind", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    const tableColumns: ColumnSchema[] = [
      { name: "id", type: "bigint", nullable: false },
      { name: "name", type: "text", nullable: true },
    ];
    await createTable(connection, dataset, "many", tableColumns);
    const table = postgresDialect.qualify({ dataset, table: "many" });
    let produced = 0;
    async function* generate(): AsyncGenerator<readonly SqlRow[]> {
      for (let batch = 0; batch < 50; batch++) {
        const rows: SqlRow[] = [];
        for (let index = 0; index < 1000; index++) rows.push([produced++, `name ${produced}\t${"x".repeat(20)}`]);
        yield rows;
      }
    }
    await connection.begin();
    expect(await connection.bulkLoad({ dataset, table: "many" }, tableColumns, generate())).toBe(50_000);
    expect(await connection.query(`SELECT count(*) AS n, count(DISTINCT id) AS d FROM ${table}`)).toEqual([{ n: 50_000, d: 50_000 }]);
    await connection.rollback();
    expect(await connection.query(`SELECT count(*) AS n FROM ${table}`)).toEqual([{ n: 0 }]);
  });

  it("aborts the COPY when the source fails, reporting the source's error, and the session stays usable", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    const tableColumns: ColumnSchema[] = [{ name: "id", type: "bigint", nullable: false }];
    await createTable(connection, dataset, "aborted", tableColumns);
    const sourceError = new Error("page 3 failed: HTTP 500");
    async function* failing(): AsyncGenerator<readonly SqlRow[]> {
      yield [[1], [2]];
      yield [[3]];
      throw sourceError;
    }
    await connection.begin();
    await expect(connection.bulkLoad({ dataset, table: "aborted" }, tableColumns, failing())).rejects.toBe(sourceError);
    await connection.rollback();
    expect(await connection.query(`SELECT count(*) AS n FROM ${postgresDialect.qualify({ dataset, table: "aborted" })}`)).toEqual([{ n: 0 }]);
  });

  it("reports a row the server refuses with the table and SQLSTATE, never a silent partial load", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    const tableColumns: ColumnSchema[] = [{ name: "id", type: "bigint", nullable: false }];
    await createTable(connection, dataset, "strict", tableColumns);
    await connection.begin();
    const failure = await connection.bulkLoad({ dataset, table: "strict" }, tableColumns, inBatches([[1], [null], [3]], 1)).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`loading "${dataset}"."strict" in ${server.urlWithoutPassword}`);
    expect((failure as Error).message).toMatch(/null value in column "id"/);
    expect((failure as Error & { code?: string }).code).toBe("23502");
    await connection.rollback();
    expect(await connection.query(`SELECT count(*) AS n FROM ${postgresDialect.qualify({ dataset, table: "strict" })}`)).toEqual([{ n: 0 }]);
  });

  it("refuses a NUL character in text with a clear error", async () => {
    const connection = await connect();
    const dataset = await freshDataset(connection);
    const tableColumns: ColumnSchema[] = [{ name: "s", type: "text", nullable: true }];
    await createTable(connection, dataset, "nul", tableColumns);
    await connection.begin();
    await expect(connection.bulkLoad({ dataset, table: "nul" }, tableColumns, inBatches([["a\u0000b"]], 1))).rejects.toThrow(
      "Postgres cannot store the NUL character (\\u0000) in a text value",
    );
    await connection.rollback();
  });
});

describe("postgres destination: dataset lock", () => {
  it("makes a second sync of the same dataset wait, and fail clearly when the wait runs out", async () => {
    const first = await connect();
    const second = await connect();
    const other = await connect();
    const dataset = `lock_${randomBytes(4).toString("hex")}`;
    await first.begin();
    await first.lockDataset(dataset, { waitMs: 1000 });

    await second.begin();
    const started = Date.now();
    const failure = await second.lockDataset(dataset, { waitMs: 300 }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(DatasetLockedError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((failure as Error).message).toBe(
      `dataset "${dataset}" in ${server.urlWithoutPassword} is being synced by another process (waited 300 ms); try again when it has finished`,
    );
    await second.rollback();
    await second.begin();
    await expect(second.lockDataset(dataset, { waitMs: 0 })).rejects.toBeInstanceOf(DatasetLockedError);
    await second.rollback();

    // Another dataset is not blocked.
    await other.begin();
    await other.lockDataset(`${dataset}_other`, { waitMs: 0 });
    await other.rollback();

    // A waiter gets the lock the moment the holder commits.
    await second.begin();
    const waiting = second.lockDataset(dataset, { waitMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.commit();
    await waiting;
    // The lock wait setting is restored for the rest of the transaction.
    expect(await second.query("SELECT current_setting('lock_timeout') AS value")).toEqual([{ value: "0" }]);
    await second.commit();
  });

  it("is released when the holder's session ends without committing", async () => {
    const holder = await postgresDestination({ url: server.url }).connect();
    const waiter = await connect();
    const dataset = `lock_${randomBytes(4).toString("hex")}`;
    await holder.begin();
    await holder.lockDataset(dataset, { waitMs: 0 });
    await waiter.begin();
    const waiting = waiter.lockDataset(dataset, { waitMs: 10_000 });
    await holder.close();
    await waiting;
    await waiter.rollback();
  });
});
