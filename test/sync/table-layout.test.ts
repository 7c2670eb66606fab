import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { destinationFactories } from "../support/destinations.js";
import { generateConnector } from "../support/generate-connector.js";
import { sendJson, startServer, type TestServer } from "../support/http-server.js";
import { tempDir } from "../support/temp-dir.js";

/**
 * Records nesting objects and lists two levels deep land in the tables dlt's relational
 * normalizer would make: with an OpenAPI document, the generator knows them (types and
 * nullability from the schema) and the sync creates exactly those; without one, the sync
 * infers the same names and types from the data, every column nullable but the keys. Both
 * into DuckDB and into Postgres.
 */
const orders = [
  {
    id: 1,
    customer: { name: "Ada", address: { city: "London" } },
    items: [
      { sku: "A-1", qty: 2, discounts: [{ code: "SPRING", pct: 0.5 }], tags: ["gift"] },
      { sku: "B-2", qty: 1, discounts: [], tags: [] },
    ],
    created_at: "2026-01-01T10:00:00Z",
    notes: "leave at door",
  },
  { id: 2, customer: { name: "Bob" }, items: [], created_at: "2026-01-02T10:00:00Z", notes: null },
];

const openapi = {
  openapi: "3.0.3",
  info: { title: "orders", version: "1" },
  paths: {
    "/orders": {
      get: {
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Order" } } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: "object",
        required: ["id", "customer", "items", "created_at"],
        properties: {
          id: { type: "integer" },
          customer: {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, address: { type: "object", required: ["city"], properties: { city: { type: "string" } } } },
          },
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["sku", "qty", "discounts", "tags"],
              properties: {
                sku: { type: "string" },
                qty: { type: "integer" },
                discounts: { type: "array", items: { type: "object", required: ["code"], properties: { code: { type: "string" }, pct: { type: "number" } } } },
                tags: { type: "array", items: { type: "string" } },
              },
            },
          },
          created_at: { type: "string", format: "date-time" },
          notes: { type: "string", nullable: true },
        },
      },
    },
  },
};

const config = {
  name: "shop",
  client: { base_url: "http://unused" },
  resources: [{ name: "orders", primary_key: "id", write_disposition: "merge", endpoint: { path: "/orders", data_selector: "$", paginator: { type: "single_page" } } }],
};

const dlt = (rootKey: boolean) => [...(rootKey ? [["_dlt_root_id", "VARCHAR", false]] : []), ["_dlt_parent_id", "VARCHAR", false], ["_dlt_list_idx", "BIGINT", false], ["_dlt_id", "VARCHAR", false]];

/** [table, column, DuckDB type, nullable], in table then column order, from the OpenAPI document. */
const WITH_SPEC: Record<string, (string | boolean)[][]> = {
  orders: [
    ["id", "BIGINT", false],
    ["customer__name", "VARCHAR", false],
    ["customer__address__city", "VARCHAR", true],
    ["created_at", "TIMESTAMP WITH TIME ZONE", false],
    ["notes", "VARCHAR", true],
    ["_dlt_load_id", "VARCHAR", false],
    ["_dlt_id", "VARCHAR", false],
  ],
  orders__items: [["sku", "VARCHAR", false], ["qty", "BIGINT", false], ...dlt(true)],
  orders__items__discounts: [["code", "VARCHAR", false], ["pct", "DOUBLE", true], ...dlt(true)],
  orders__items__tags: [["value", "VARCHAR", false], ...dlt(true)],
};

/** Without a spec: the same tables and types, inferred; only keys and dlt columns are NOT NULL. */
const WITHOUT_SPEC: Record<string, (string | boolean)[][]> = Object.fromEntries(
  Object.entries(WITH_SPEC).map(([table, columns]) => [table, columns.map(([name, type, nullable]) => [name!, type!, String(name).startsWith("_dlt") || name === "id" ? nullable! : true])]),
);

/** The expected layout with Postgres' names for the DuckDB types above. */
function inDialect(tables: Record<string, (string | boolean)[][]>, dialect: "duckdb" | "postgres"): Record<string, (string | boolean)[][]> {
  if (dialect === "duckdb") return tables;
  const names: Record<string, string> = { VARCHAR: "character varying", BIGINT: "bigint", DOUBLE: "double precision", "TIMESTAMP WITH TIME ZONE": "timestamp with time zone" };
  return Object.fromEntries(Object.entries(tables).map(([table, columns]) => [table, columns.map(([name, type, nullable]) => [name!, names[String(type)]!, nullable!])]));
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_request, response) => sendJson(response, orders));
});
afterAll(async () => {
  await server.close();
});

async function layout(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, (string | boolean)[][]>> {
  const rows = await query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'shop_dataset' AND table_name NOT LIKE '_dlt%' ORDER BY table_name, ordinal_position`,
  );
  const tables: Record<string, (string | boolean)[][]> = {};
  for (const row of rows) (tables[String(row["table_name"])] ??= []).push([String(row["column_name"]), String(row["data_type"]), row["is_nullable"] === "YES"]);
  return tables;
}

describe.each([
  ["with an OpenAPI document", true, WITH_SPEC],
  ["without one", false, WITHOUT_SPEC],
] as const)("table layout %s", (_label, withSpec, expected) => {
  it("is dlt's, table for table and column for column", async () => {
    const dir = await tempDir("layout");
    const specFile = join(dir.path, "openapi.json");
    await writeFile(specFile, JSON.stringify(openapi));
    const generated = await generateConnector("layout", config, withSpec ? { openapi: specFile } : {});
    try {
      const known = generated.module["tables"] as Record<string, { name: string; columns: { name: string; type: string; nullable: boolean }[] }[]>;
      const types: Record<string, string> = { bigint: "BIGINT", text: "VARCHAR", timestamp: "TIMESTAMP WITH TIME ZONE", double: "DOUBLE" };
      const derived = Object.fromEntries(known["orders"]!.map((table) => [table.name, table.columns.map((column) => [column.name, types[column.type]!, column.nullable])]));
      expect(derived).toEqual(withSpec ? WITH_SPEC : {});

      for (const factory of destinationFactories) {
        const db = await factory.create("layout");
        try {
          const source = generated.module.createSource({ baseUrl: server.url }) as unknown as { sync(destination: unknown): Promise<unknown> };
          await source.sync(db.destination);
          expect(await layout((sql) => db.query(sql)), factory.name).toEqual(inDialect(expected, factory.name));
          const items = await db.query(`SELECT i.sku, d.code, d.pct FROM shop_dataset.orders__items AS i JOIN shop_dataset.orders__items__discounts AS d ON d._dlt_parent_id = i._dlt_id`);
          expect(items).toEqual([{ sku: "A-1", code: "SPRING", pct: 0.5 }]);
        } finally {
          await db.cleanup();
        }
      }

      if (withSpec) {
        // `gen-connector schema` prints the same tables as DDL.
        const out: string[] = [];
        const configFile = join(dir.path, "config.json");
        await writeFile(configFile, JSON.stringify({ ...config, openapi: "openapi.json" }));
        expect(await main(["schema", configFile], { out: (text) => out.push(String(text)), err: () => undefined })).toBe(0);
        expect(out.join("\n")).toContain(
          'CREATE TABLE "shop_dataset"."orders__items__discounts" (\n  "code" VARCHAR NOT NULL,\n  "pct" DOUBLE,\n  "_dlt_root_id" VARCHAR NOT NULL,',
        );
      }
    } finally {
      await generated.cleanup();
      await dir.cleanup();
    }
  }, 120_000);
});
