import type { DestinationConnection, SqlDialect } from "../destinations/destination.js";
import { shortHash } from "./hash.js";
import { canonicalJson } from "./normalizer.js";
import type { TableDefinition } from "./table-schema.js";

/**
 * dlt's system tables in a dataset: `_dlt_loads` (one row per completed load),
 * `_dlt_version` (the schema, a row per change) and `_dlt_pipeline_state` (the
 * pipeline state, incremental cursors included, a row per change). Unlike dlt, all
 * three are written in the load's one transaction, with the data.
 */

const SYSTEM_TABLES: Record<string, [string, "text" | "bigint" | "timestamp", boolean][]> = {
  _dlt_loads: [
    ["load_id", "text", false],
    ["schema_name", "text", true],
    ["status", "bigint", false],
    ["inserted_at", "timestamp", false],
    ["schema_version_hash", "text", true],
  ],
  _dlt_version: [
    ["version", "bigint", false],
    ["engine_version", "bigint", false],
    ["inserted_at", "timestamp", false],
    ["schema_name", "text", false],
    ["version_hash", "text", false],
    ["schema", "text", false],
  ],
  _dlt_pipeline_state: [
    ["version", "bigint", false],
    ["engine_version", "bigint", false],
    ["pipeline_name", "text", false],
    ["state", "text", false],
    ["created_at", "timestamp", false],
    ["version_hash", "text", true],
    ["_dlt_load_id", "text", false],
    ["_dlt_id", "text", false],
  ],
};

/** The `{dataset}.{table}` of a system table. */
function systemTable(
  dialect: SqlDialect,
  dataset: string,
  table: keyof typeof SYSTEM_TABLES,
): string {
  return dialect.qualify({ dataset, table });
}

export async function createSystemTables(
  connection: DestinationConnection,
  dataset: string,
): Promise<void> {
  const { dialect } = connection;
  for (const [table, columns] of Object.entries(SYSTEM_TABLES)) {
    const definitions = columns.map(
      ([name, type, nullable]) =>
        `${dialect.quoteIdentifier(name)} ${dialect.columnType(type)}${nullable ? "" : " NOT NULL"}`,
    );
    await connection.query(
      `CREATE TABLE IF NOT EXISTS ${dialect.qualify({ dataset, table })} (${definitions.join(", ")})`,
    );
  }
}

/** The schema as stored in `_dlt_version`, in dlt's layout (tables by name, columns by name). */
export interface StoredSchema {
  version: number;
  versionHash: string;
  tables: TableDefinition[];
}

interface SchemaDocument {
  name: string;
  version: number;
  version_hash: string;
  engine_version: number;
  tables: Record<
    string,
    {
      name: string;
      parent?: string;
      resource: string;
      columns: Record<
        string,
        { name: string; data_type: string; nullable: boolean; variant?: boolean }
      >;
    }
  >;
}

export function schemaHash(tables: readonly TableDefinition[]): string {
  return shortHash(canonicalJson(tables), 32);
}

export async function readSchema(
  connection: DestinationConnection,
  dataset: string,
  schemaName: string,
): Promise<StoredSchema | undefined> {
  const rows = await connection.query<{ schema: string }>(
    `SELECT ${connection.dialect.quoteIdentifier("schema")} FROM ${systemTable(connection.dialect, dataset, "_dlt_version")} WHERE schema_name = $1 ORDER BY version DESC LIMIT 1`,
    [schemaName],
  );
  const stored = rows[0];
  if (!stored) return undefined;
  const document = JSON.parse(stored.schema) as SchemaDocument;
  const tables = Object.values(document.tables).map((table) => ({
    name: table.name,
    ...(table.parent === undefined ? {} : { parent: table.parent }),
    resource: table.resource,
    columns: Object.values(table.columns).map((column) => ({
      name: column.name,
      type: column.data_type as TableDefinition["columns"][number]["type"],
      nullable: column.nullable,
      ...(column.variant ? { variant: true } : {}),
    })),
  }));
  return { version: document.version, versionHash: document.version_hash, tables };
}

export async function writeSchema(
  connection: DestinationConnection,
  dataset: string,
  schemaName: string,
  schema: StoredSchema,
  now: string,
): Promise<void> {
  const document: SchemaDocument = {
    name: schemaName,
    version: schema.version,
    version_hash: schema.versionHash,
    engine_version: 11,
    tables: Object.fromEntries(
      schema.tables.map((table) => [
        table.name,
        {
          name: table.name,
          ...(table.parent === undefined ? {} : { parent: table.parent }),
          resource: table.resource,
          columns: Object.fromEntries(
            table.columns.map((column) => [
              column.name,
              {
                name: column.name,
                data_type: column.type,
                nullable: column.nullable,
                ...(column.variant ? { variant: true } : {}),
              },
            ]),
          ),
        },
      ]),
    ),
  };
  const timestamp = connection.dialect.columnType("timestamp");
  await connection.query(
    `INSERT INTO ${systemTable(connection.dialect, dataset, "_dlt_version")} (version, engine_version, inserted_at, schema_name, version_hash, ${connection.dialect.quoteIdentifier("schema")}) VALUES ($1, 11, CAST($2 AS ${timestamp}), $3, $4, $5)`,
    [schema.version, now, schemaName, schema.versionHash, JSON.stringify(document)],
  );
}

export async function deleteSchemaHistory(
  connection: DestinationConnection,
  dataset: string,
  schemaName: string,
): Promise<void> {
  await connection.query(
    `DELETE FROM ${systemTable(connection.dialect, dataset, "_dlt_version")} WHERE schema_name = $1`,
    [schemaName],
  );
}

/** dlt's pipeline state document; `sources.<source>.resources.<resource>.incremental.<cursor>` holds the cursors. */
export interface PipelineState {
  [key: string]: unknown;
  _state_version: number;
  _version_hash: string;
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const output = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** dlt's encoding: base64 of the zlib-compressed JSON. */
async function encodeState(state: PipelineState): Promise<string> {
  const compressed = await transform(
    new TextEncoder().encode(JSON.stringify(state)),
    new CompressionStream("deflate"),
  );
  let binary = "";
  for (const byte of compressed) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function decodeState(text: string): Promise<PipelineState> {
  if (text.trimStart().startsWith("{")) return JSON.parse(text) as PipelineState;
  const bytes = Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  return JSON.parse(
    new TextDecoder().decode(await transform(bytes, new DecompressionStream("deflate"))),
  ) as PipelineState;
}

/** The state's hash over everything but its version fields. */
export function stateHash(state: Record<string, unknown>): string {
  const { _state_version: _version, _version_hash: _hash, ...content } = state;
  return shortHash(canonicalJson(content), 32);
}

/** The newest state of a completed load (one with a `_dlt_loads` row), as dlt restores it. */
export async function readState(
  connection: DestinationConnection,
  dataset: string,
  pipelineName: string,
): Promise<PipelineState | undefined> {
  const { dialect } = connection;
  const rows = await connection.query<{ state: string }>(
    `SELECT s.state FROM ${systemTable(dialect, dataset, "_dlt_pipeline_state")} AS s JOIN ${systemTable(dialect, dataset, "_dlt_loads")} AS l ON l.load_id = s._dlt_load_id WHERE s.pipeline_name = $1 AND l.status = 0 ORDER BY l.load_id DESC LIMIT 1`,
    [pipelineName],
  );
  const row = rows[0];
  return row ? decodeState(row.state) : undefined;
}

export async function writeState(
  connection: DestinationConnection,
  dataset: string,
  pipelineName: string,
  state: PipelineState,
  loadId: string,
  rowId: string,
  now: string,
): Promise<void> {
  await connection.query(
    `INSERT INTO ${systemTable(connection.dialect, dataset, "_dlt_pipeline_state")} (version, engine_version, pipeline_name, state, created_at, version_hash, _dlt_load_id, _dlt_id) VALUES ($1, 4, $2, $3, CAST($4 AS ${connection.dialect.columnType("timestamp")}), $5, $6, $7)`,
    [
      state._state_version,
      pipelineName,
      await encodeState(state),
      now,
      state._version_hash,
      loadId,
      rowId,
    ],
  );
}

/** The load's `_dlt_loads` row, status 0: written last, in the same transaction as its data. */
export async function writeLoad(
  connection: DestinationConnection,
  dataset: string,
  loadId: string,
  schemaName: string,
  versionHash: string,
  now: string,
): Promise<void> {
  await connection.query(
    `INSERT INTO ${systemTable(connection.dialect, dataset, "_dlt_loads")} (load_id, schema_name, status, inserted_at, schema_version_hash) VALUES ($1, $2, 0, CAST($3 AS ${connection.dialect.columnType("timestamp")}), $4)`,
    [loadId, schemaName, now, versionHash],
  );
}
