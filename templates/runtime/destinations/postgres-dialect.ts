import type { DataType, SqlDialect, TableRef } from "./destination.js";

/** dlt's Postgres names for its data types (dlt keeps `numeric(38,9)` as the default decimal). */
const columnTypes: Record<DataType, string> = {
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

/** Postgres keeps at most 63 bytes of a name (NAMEDATALEN - 1) and silently cuts longer ones. */
const maxIdentifierBytes = 63;

/**
 * `name` as a quoted Postgres identifier. Names reach SQL only this way. A name Postgres would
 * silently truncate, or one with a NUL character, is refused: two long names could otherwise
 * collide in the database (dlt's naming shortens them to 63 first).
 */
export function quotePostgresIdentifier(name: string): string {
  if (name.length === 0 || name.indexOf("\u0000") !== -1)
    throw new Error(`invalid Postgres identifier ${JSON.stringify(name)}`);
  if (utf8Length(name) > maxIdentifierBytes) {
    throw new Error(
      `Postgres identifier longer than ${maxIdentifierBytes} bytes: ${JSON.stringify(name)} (names must be shortened first)`,
    );
  }
  return `"${name.replace(/"/g, '""')}"`;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The Postgres SQL dialect: dlt's type names and identifier limit. */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  maxIdentifierLength: maxIdentifierBytes,
  quoteIdentifier: quotePostgresIdentifier,
  qualify: (ref: TableRef) =>
    `${quotePostgresIdentifier(ref.dataset)}.${quotePostgresIdentifier(ref.table)}`,
  columnType: (type: DataType) => columnTypes[type],
  placeholder: (index: number) => `$${index}`,
};
