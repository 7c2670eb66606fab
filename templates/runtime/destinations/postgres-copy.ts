import type { SqlRow, SqlValue } from "./destination.js";

/**
 * Rows in the text format of Postgres `COPY … FROM STDIN`: one line per row, values separated by
 * tabs, `\N` for NULL. Every value travels as data, never as SQL; the only characters the format
 * gives a meaning to (backslash, newline, carriage return, tab) are escaped.
 */
export function encodeCopyRows(rows: readonly SqlRow[]): string {
  let text = "";
  for (const row of rows) {
    let line = "";
    for (let index = 0; index < row.length; index++) {
      if (index > 0) line += "\t";
      line += encodeCopyValue(row[index] ?? null);
    }
    text += `${line}\n`;
  }
  return text;
}

const special = /[\\\n\r\t]/;
const specials = /[\\\n\r\t]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One value as a COPY text field. */
export function encodeCopyValue(value: SqlValue): string {
  if (value === null) return "\\N";
  if (typeof value === "string") {
    // Postgres text cannot hold NUL at all; say so rather than let the server fail with a vaguer message.
    if (value.indexOf("\u0000") !== -1)
      throw new Error("Postgres cannot store the NUL character (\\u0000) in a text value");
    return special.test(value)
      ? value.replace(specials, (character) => escapes[character] ?? character)
      : value;
  }
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  // bytea in its hex form `\x0a1b`, with the backslash escaped for COPY.
  let hex = "\\\\x";
  for (let index = 0; index < value.length; index++)
    hex += (value[index] ?? 0).toString(16).padStart(2, "0");
  return hex;
}
