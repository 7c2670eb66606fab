import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Destination, DestinationConnection } from "../../templates/runtime/destinations/destination.js";
import { duckdbDestination } from "../../templates/runtime/destinations/duckdb.js";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import { memoryStateStore } from "../../templates/runtime/state.js";
import { normalizePath } from "../../templates/runtime/sync/naming.js";
import { syncSource, type SyncSource } from "../../templates/runtime/sync/sync.js";
import { generateConnector, type LooseConnector } from "../support/generate-connector.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";
import { postgresServer } from "../support/postgres-server.js";
import { tempDir } from "../support/temp-dir.js";

/**
 * Names from configs and records (quotes, backslashes, unicode, reserved words, 300-character
 * names, names that collide after normalization) reach SQL only as quoted identifiers after dlt's
 * naming, and values only as bound or bulk-loaded data: each payload below is synced, twice
 * (so the merge SQL runs over the hostile names too), and then found as data, with a canary
 * table the payloads try to drop still there.
 */
const VALUE_PAYLOADS = [
  "Robert'); DROP TABLE canary; --",
  `"; DROP SCHEMA public CASCADE; --`,
  "' OR '1'='1",
  "\\N",
  "\\.",
  "back\\slash\\",
  "tab\there",
  "new\nline\r\n",
  "$1 $2 %s ? :name",
  "E'\\x41'",
  "Ünïcödé 日本語 😀",
  "\u2028\u2029\uFEFF",
  "x".repeat(10_000),
];

const long = `${"Very Long Name ".repeat(20)}!`.slice(0, 300);
const KEYS = {
  injection: "Robert'); DROP TABLE canary; --",
  quote: 'quo"te',
  apostrophe: "it's",
  backslash: "back\\slash",
  reserved: "select",
  reservedToo: "ORDER",
  unicode: "Ünïcödé 日本語 😀",
  long,
  collideA: "customerId",
  collideB: "Customer ID",
};

function records(round: number): Record<string, unknown>[] {
  return VALUE_PAYLOADS.map((payload, index) => ({
    // The primary key is a reserved word, the merge SQL joins on it.
    [KEYS.reserved]: index,
    [KEYS.injection]: `${payload}${round}`,
    [KEYS.quote]: payload,
    [KEYS.apostrophe]: payload,
    [KEYS.backslash]: payload,
    [KEYS.reservedToo]: { [KEYS.apostrophe]: payload },
    [KEYS.unicode]: payload,
    [KEYS.long]: payload,
    [KEYS.collideA]: "first",
    // Comes later in the record: dlt's rule is that it wins the shared column.
    [KEYS.collideB]: payload,
    // A nested table under a hostile name, rows holding payloads.
    "from": [{ [KEYS.quote]: payload }, { [KEYS.quote]: `${payload}${round}` }],
  }));
}

const RESOURCE = `Robert"); DROP TABLE canary; -- ${long}`;
const DATASET = `My "Data"set'; DROP SCHEMA public CASCADE; --`;

/** The same records under every merge strategy, each running its own SQL over the hostile names. */
const STRATEGIES = {
  [RESOURCE]: "merge",
  [`${RESOURCE} upsert`]: { disposition: "merge", strategy: "upsert" },
  [`${RESOURCE} scd2`]: { disposition: "merge", strategy: "scd2" },
} as const;

function source(round: number): SyncSource {
  return {
    name: `inj'ect"ion`,
    state: memoryStateStore(),
    resources: Object.entries(STRATEGIES).map(([name, writeDisposition]) => ({
      name,
      metadata: { tableName: name, primaryKey: KEYS.reserved, writeDisposition },
      async *pages() {
        const all = records(round);
        yield { records: all.slice(0, 5) };
        yield { records: all.slice(5) };
      },
    })),
  };
}

interface Target {
  name: string;
  destination(): Promise<Destination>;
  /** The schema a canary table lives in outside the dataset. */
  outside: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const targets: Target[] = [
  {
    name: "duckdb",
    outside: "main",
    async destination() {
      const dir = await tempDir("sql-injection");
      cleanups.push(dir.cleanup);
      return duckdbDestination({ path: `${dir.path}/hostile.duckdb` });
    },
  },
  {
    name: "postgres",
    outside: "public",
    async destination() {
      return postgresDestination({ url: (await postgresServer()).url });
    },
  },
];

describe.each(targets)("SQL injection through names and values: $name", (target) => {
  let destination: Destination;
  let connection: DestinationConnection;
  let dataset: string;
  let table: string;

  beforeAll(async () => {
    destination = await target.destination();
    const max = destination.dialect.maxIdentifierLength;
    dataset = normalizePath(DATASET, max);
    table = normalizePath(RESOURCE, max);
    // Canaries the payloads would drop, inside the dataset and outside it.
    connection = await destination.connect();
    const q = (name: string) => destination.dialect.quoteIdentifier(name);
    await connection.query(`CREATE SCHEMA IF NOT EXISTS ${q(dataset)}`);
    for (const schema of [dataset, target.outside]) {
      await connection.query(`CREATE TABLE IF NOT EXISTS ${q(schema)}.${q("canary")} (alive bigint)`);
      await connection.query(`DELETE FROM ${q(schema)}.${q("canary")}`);
      await connection.query(`INSERT INTO ${q(schema)}.${q("canary")} VALUES (1)`);
    }
    await connection.close();
    await syncSource(destination, source(1), { dataset: DATASET, batchRows: 4 });
    await syncSource(destination, source(2), { dataset: DATASET, batchRows: 4 });
    connection = await destination.connect();
  });

  afterAll(async () => {
    await connection?.close();
  });

  const quoted = (name: string) => destination.dialect.qualify({ dataset, table: name });

  it("names become dlt-normalized quoted identifiers (reserved words, collisions, shortening)", async () => {
    const max = destination.dialect.maxIdentifierLength;
    expect(dataset).toBe("my_data_set_drop_schema_public_cascadexxx");
    const tables = await connection.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [dataset],
    );
    const resourceTables = Object.keys(STRATEGIES).flatMap((name) => [normalizePath(name, max), normalizePath(`${normalizePath(name, max)}__from`, max)]);
    expect(new Set(resourceTables).size).toBe(6);
    expect(tables.map((row) => row.table_name).sort()).toEqual(["_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "canary", ...resourceTables].sort());
    const columns = await connection.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
      [dataset, table],
    );
    const longColumn = normalizePath(long, max);
    expect(columns.map((row) => row.column_name)).toEqual([
      "select",
      "robert_drop_table_canaryxxx",
      "quo_te",
      "it_s",
      "back_slash",
      "order__it_s",
      "_n_c_dx",
      longColumn,
      "customer_id",
      "_dlt_load_id",
      "_dlt_id",
    ]);
    if (target.name === "postgres") {
      expect(longColumn).toHaveLength(63);
      expect(table.length).toBeLessThanOrEqual(63);
    } else {
      expect(longColumn.startsWith("very_long_name_very_long_name")).toBe(true);
      expect(longColumn.length).toBeGreaterThan(250);
    }
  });

  it("values arrive as data, byte for byte, merged by the reserved-word key", async () => {
    const max = destination.dialect.maxIdentifierLength;
    const q = (name: string) => destination.dialect.quoteIdentifier(name);
    const longColumn = normalizePath(long, max);
    const rows = await connection.query(
      `SELECT ${["select", "robert_drop_table_canaryxxx", "quo_te", "it_s", "back_slash", "order__it_s", "_n_c_dx", longColumn, "customer_id"].map(q).join(", ")} FROM ${quoted(table)} ORDER BY ${q("select")}`,
    );
    expect(rows).toEqual(
      VALUE_PAYLOADS.map((payload, index) => ({
        select: index,
        robert_drop_table_canaryxxx: `${payload}2`,
        quo_te: payload,
        it_s: payload,
        back_slash: payload,
        order__it_s: payload,
        _n_c_dx: payload,
        [longColumn]: payload,
        customer_id: payload,
      })),
    );
    const nested = await connection.query<{ quo_te: string }>(
      `SELECT n.${q("quo_te")} FROM ${quoted(normalizePath(`${table}__from`, max))} AS n JOIN ${quoted(table)} AS r ON n.${q("_dlt_parent_id")} = r.${q("_dlt_id")} ORDER BY r.${q("select")}, n.${q("_dlt_list_idx")}`,
    );
    expect(nested.map((row) => row.quo_te)).toEqual(VALUE_PAYLOADS.flatMap((payload) => [payload, `${payload}2`]));
    expect(await connection.query(`SELECT count(*) AS n FROM ${quoted("_dlt_loads")}`)).toEqual([{ n: 2 }]);
    // upsert: one row per key, the second round's values; scd2: both rounds' versions, the second current.
    const upserted = normalizePath(`${RESOURCE} upsert`, max);
    expect(await connection.query(`SELECT ${q("robert_drop_table_canaryxxx")} AS v FROM ${quoted(upserted)} ORDER BY ${q("select")}`)).toEqual(
      VALUE_PAYLOADS.map((payload) => ({ v: `${payload}2` })),
    );
    const versioned = normalizePath(`${RESOURCE} scd2`, max);
    expect(
      await connection.query(`SELECT ${q("robert_drop_table_canaryxxx")} AS v FROM ${quoted(versioned)} WHERE ${q("_dlt_valid_to")} IS NULL ORDER BY ${q("select")}`),
    ).toEqual(VALUE_PAYLOADS.map((payload) => ({ v: `${payload}2` })));
    expect(await connection.query(`SELECT count(*) AS n FROM ${quoted(versioned)}`)).toEqual([{ n: 2 * VALUE_PAYLOADS.length }]);
  });

  it("drops nothing: the canaries are alive", async () => {
    const q = (name: string) => destination.dialect.quoteIdentifier(name);
    for (const schema of [dataset, target.outside]) {
      expect(await connection.query(`SELECT alive FROM ${q(schema)}.${q("canary")}`)).toEqual([{ alive: 1 }]);
    }
  });
});

/**
 * The same names coming from a config and an OpenAPI document: the generator derives the tables
 * from the spec's property names before any record exists, and the generated connector creates
 * and fills them.
 */
const SPEC_RESOURCE = `Robert"); DROP TABLE canary; -- items`;
const specProperties: Record<string, unknown> = {
  [KEYS.reserved]: { type: "integer" },
  [KEYS.injection]: { type: "string" },
  [KEYS.quote]: { type: "string" },
  [KEYS.backslash]: { type: "string" },
  [KEYS.unicode]: { type: "string" },
  [KEYS.long]: { type: "string" },
  [KEYS.reservedToo]: { type: "object", properties: { [KEYS.apostrophe]: { type: "string" } } },
  from: { type: "array", items: { type: "object", properties: { [KEYS.quote]: { type: "string" } } } },
};
const spec = {
  openapi: "3.0.3",
  info: { title: "hostile", version: "1" },
  paths: {
    "/items": {
      get: {
        responses: {
          "200": {
            description: "items",
            content: {
              "application/json": {
                schema: { type: "object", properties: { data: { type: "array", items: { type: "object", required: [KEYS.reserved], properties: specProperties } } } },
              },
            },
          },
        },
      },
    },
  },
};

function specRecords(): Record<string, unknown>[] {
  return VALUE_PAYLOADS.map((payload, index) => ({
    [KEYS.reserved]: index,
    [KEYS.injection]: payload,
    [KEYS.quote]: payload,
    [KEYS.backslash]: payload,
    [KEYS.unicode]: payload,
    [KEYS.long]: payload,
    [KEYS.reservedToo]: { [KEYS.apostrophe]: payload },
    from: [{ [KEYS.quote]: payload }],
  }));
}

describe("SQL injection through a config and an OpenAPI document", () => {
  let api: TestServer;
  let connector: LooseConnector;

  beforeAll(async () => {
    api = await startServer((_, response) => sendJson(response, { data: specRecords() }));
    const dir = await tempDir("sql-injection-spec");
    cleanups.push(dir.cleanup);
    const specPath = join(dir.path, "openapi.json");
    await writeFile(specPath, JSON.stringify(spec));
    const config = {
      name: `inj'ect"ion`,
      client: { base_url: "http://unused" },
      resources: [
        {
          name: SPEC_RESOURCE,
          primary_key: KEYS.reserved,
          write_disposition: "merge",
          endpoint: { path: "/items", data_selector: "data", paginator: { type: "single_page" } },
        },
      ],
    };
    const generated = await generateConnector("sql-injection-spec", config, { openapi: specPath });
    cleanups.push(generated.cleanup);
    connector = generated.module;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it.each(targets)("$name: the spec's tables are created under dlt's names and filled with the payloads as data", async (target) => {
    const destination = await target.destination();
    const source = connector.createSource({ baseUrl: api.url }) as unknown as {
      sync(destination: Destination, options: { dataset: string }): Promise<unknown>;
    };
    await source.sync(destination, { dataset: DATASET });
    await source.sync(destination, { dataset: DATASET });
    const max = destination.dialect.maxIdentifierLength;
    const dataset = normalizePath(DATASET, max);
    const table = normalizePath(SPEC_RESOURCE, max);
    const q = (name: string) => destination.dialect.quoteIdentifier(name);
    const connection = await destination.connect();
    try {
      const columns = [KEYS.reserved, KEYS.injection, KEYS.quote, KEYS.backslash, KEYS.unicode, KEYS.long].map((key) => normalizePath(key, max));
      const rows = await connection.query<Record<string, unknown>>(
        `SELECT ${[...columns, "order__it_s"].map(q).join(", ")} FROM ${q(dataset)}.${q(table)} ORDER BY ${q("select")}`,
      );
      expect(rows).toEqual(
        VALUE_PAYLOADS.map((payload, index) => ({
          ...Object.fromEntries(columns.map((column) => [column, payload])),
          select: index,
          order__it_s: payload,
        })),
      );
      const nested = await connection.query<{ v: string }>(`SELECT ${q("quo_te")} AS v FROM ${q(dataset)}.${q(normalizePath(`${table}__from`, max))} ORDER BY ${q("quo_te")}`);
      expect(nested.map((row) => row.v)).toEqual([...VALUE_PAYLOADS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    } finally {
      await connection.close();
    }
  }, 120_000);
});
