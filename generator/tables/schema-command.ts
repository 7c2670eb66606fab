/**
 * `gen-connector schema <config> [--dialect duckdb|postgres] [--dataset NAME]`: prints the DDL
 * of the tables a sync creates for the config's resources, as far as their record types say.
 */
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { SqlDialect } from "../../templates/runtime/destinations/destination.js";
import { duckdbDialect } from "../../templates/runtime/destinations/duckdb.js";
import { postgresDialect } from "../../templates/runtime/destinations/postgres-dialect.js";
import { loadHashing } from "../../templates/runtime/sync/hash.js";
import { normalizePath } from "../../templates/runtime/sync/naming.js";
import type { TableDefinition } from "../../templates/runtime/sync/table-schema.js";
import { MODULE_EXPORTS } from "../emit/module-exports.js";
import { ConfigError } from "../errors.js";
import { loadConfigFile } from "../load/load-config.js";
import { normalize } from "../normalize/normalize.js";
import { loadOpenApi } from "../types/load-openapi.js";
import { recordTypes } from "../types/record-types.js";
import { validateConfig } from "../validate/validate-config.js";
import { deriveTables } from "./derive-tables.js";

export const SCHEMA_HELP = `Usage: gen-connector schema <config.json|config.yaml> [--dialect duckdb|postgres] [--dataset NAME]

Prints the CREATE TABLE statements of the tables a sync creates for each resource,
derived from its record type. Columns the type leaves open are added by a sync as
data shows them.

Options:
  --dialect D      duckdb (default) or postgres
  --dataset NAME   the dataset (schema) the tables go in (default: <name>_dataset)
  --openapi FILE   OpenAPI document for the record types (overrides the config's "openapi")`;

const DIALECTS: Record<string, SqlDialect> = { duckdb: duckdbDialect, postgres: postgresDialect };

/** The DDL of `tables` in `dataset`. */
export function renderDdl(tables: readonly TableDefinition[], dialect: SqlDialect, dataset: string): string {
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${dialect.quoteIdentifier(dataset)};`];
  for (const table of tables) {
    const columns = table.columns.map((column) => `  ${dialect.quoteIdentifier(column.name)} ${dialect.columnType(column.type)}${column.nullable ? "" : " NOT NULL"}`);
    statements.push(`CREATE TABLE ${dialect.qualify({ dataset, table: table.name })} (\n${columns.join(",\n")}\n);`);
  }
  return statements.join("\n\n");
}

type Io = { out: (...text: unknown[]) => void; err: (...text: unknown[]) => void };

export async function runSchema(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dialect: { type: "string", default: "duckdb" }, dataset: { type: "string" }, openapi: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    io.err(`gen-connector schema: ${(error as Error).message}\n\n${SCHEMA_HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(SCHEMA_HELP);
    return 0;
  }
  const dialect = DIALECTS[values.dialect];
  const [configPath, ...extra] = positionals;
  if (dialect === undefined || configPath === undefined || extra.length > 0) {
    const problem = dialect === undefined ? "--dialect: expected duckdb or postgres" : configPath === undefined ? "no config given" : "takes one config";
    io.err(`gen-connector schema: ${problem}\n\n${SCHEMA_HELP}`);
    return 2;
  }
  try {
    const { config: raw, locate } = await loadConfigFile(configPath);
    const config = validateConfig(raw, { file: configPath, locate });
    const model = normalize(config, configPath);
    const openapiFile = values.openapi ?? (config.openapi === undefined ? undefined : join(dirname(configPath), config.openapi));
    const openapi = openapiFile === undefined ? undefined : await loadOpenApi(openapiFile);
    const types = await recordTypes(model, openapi, MODULE_EXPORTS, { baseDir: dirname(configPath) });
    // Names over the dialect's limit are shortened with a SHAKE128 tag, as a sync names them.
    await loadHashing();
    const tables = model.resources.flatMap((resource) => {
      const schema = types.recordSchemas.get(resource.name);
      return schema === undefined || !resource.selected ? [] : deriveTables(types.document, schema, resource, { maxIdentifierLength: dialect.maxIdentifierLength });
    });
    for (const warning of [...model.warnings, ...types.warnings]) io.err(`warning: ${configPath}: ${warning}`);
    io.out(renderDdl(tables, dialect, normalizePath(values.dataset ?? `${model.name}_dataset`, dialect.maxIdentifierLength)));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`gen-connector: ${error.file === undefined ? `${configPath}: ` : ""}${error.message}`);
      return 2;
    }
    io.err(`gen-connector: internal error while reading ${configPath}:`, error);
    return 3;
  }
}
