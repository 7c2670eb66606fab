import type { DataType, SqlValue } from "../destinations/destination.js";

/**
 * dlt's type inference and coercion for JSON values: which column type a value
 * creates, and whether a value fits an existing column (else it goes to a variant
 * column). JSON has one number type: an integral number is a `bigint`, any other a
 * `double` (Python tells `1.0` from `1`; JSON parsed in JS cannot).
 */

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** What JavaScript's `toISOString` writes, seconds or milliseconds: most APIs send timestamps so. */
const JS_ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, start: number, end: number): number {
  let result = 0;
  for (let index = start; index < end; index++) result = result * 10 + text.charCodeAt(index) - 48;
  return result;
}

/** Whether `YYYY-MM-DDTHH:MM:SS…` names a real instant: month, day of that month, hour, minute, second in range. */
function validJsIsoFields(value: string): boolean {
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = digits(value, 17, 19);
  return day <= days && hour < 24 && minute < 60 && second < 60;
}

/** `value` as ISO 8601 UTC with microseconds at most (`2024-01-01T10:00:00.123456Z`), or undefined when it is no timestamp. */
export function isoTimestamp(value: string): string | undefined {
  // Fast path, same result: the fields of JavaScript's form are checked in place, with no Date, no
  // match array and no parts (a sync checks every timestamp of every record: they were most of its garbage).
  if (JS_ISO_TIMESTAMP.test(value) && validJsIsoFields(value)) {
    if (value.length === 20) return value;
    return value.endsWith(".000Z") ? `${value.slice(0, 19)}Z` : `${value.slice(0, 23)}000Z`;
  }
  const match = ISO_TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = "00", fraction = "", zone = "Z"] = match;
  const offset =
    zone.toUpperCase() === "Z"
      ? "Z"
      : zone.length === 3
        ? `${zone}:00`
        : zone.includes(":")
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const millis = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  if (Number.isNaN(millis)) return undefined;
  const micros = fraction.slice(1, 7).padEnd(6, "0");
  const utc = new Date(millis).toISOString().slice(0, 19);
  return micros === "000000" ? `${utc}Z` : `${utc}.${micros}Z`;
}

/** The type a new column gets from its first value; `detect` applies dlt's `iso_timestamp` detection to strings. */
export function inferType(value: unknown, detect = true): DataType {
  switch (typeof value) {
    case "string":
      return detect && isoTimestamp(value) !== undefined ? "timestamp" : "text";
    case "number":
      return Number.isInteger(value) ? "bigint" : "double";
    case "bigint":
      return "bigint";
    case "boolean":
      return "bool";
    default:
      if (value instanceof Uint8Array) return "binary";
      if (value instanceof Date) return "timestamp";
      return "json";
  }
}

const TRUE_TEXT = new Set(["yes", "true", "t", "y", "1"]);
const FALSE_TEXT = new Set(["no", "false", "f", "n", "0"]);
// BigInt() rather than literals: a Next.js project's target (ES2017) refuses bigint literals.
const MIN_BIGINT = -(BigInt(2) ** BigInt(63));
const MAX_BIGINT = BigInt(2) ** BigInt(63) - BigInt(1);

function integerFromText(text: string): bigint | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(?:\d+|0x[0-9a-f]+)$/i.test(trimmed)) return undefined;
  const negative = trimmed.startsWith("-");
  const digits = trimmed.replace(/^[+-]/, "");
  const result = negative ? -BigInt(digits) : BigInt(digits);
  return result < MIN_BIGINT || result > MAX_BIGINT ? undefined : result;
}

function sqlInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function toText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array))
    return JSON.stringify(value);
  return undefined;
}

/**
 * `value` as a value of a `type` column, or `undefined` when it does not fit (dlt's
 * coercion table, §4.3): `"200"` fits bigint, `"abc"` and `2.5` do not; `3.0` does.
 */
export function coerce(value: unknown, type: DataType): SqlValue | undefined {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "text":
      return toText(value);
    case "bigint":
      if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
      if (typeof value === "bigint")
        return value >= MIN_BIGINT && value <= MAX_BIGINT ? sqlInteger(value) : undefined;
      if (typeof value === "string") {
        const parsed = integerFromText(value);
        return parsed === undefined ? undefined : sqlInteger(parsed);
      }
      return undefined;
    case "double":
      if (typeof value === "number") return value;
      if (typeof value === "bigint") return Number(value);
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
        return Number(value);
      return undefined;
    case "decimal":
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value === "bigint") return String(value);
      if (typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
        return value.trim();
      return undefined;
    case "bool":
      if (typeof value === "boolean") return value;
      if (typeof value === "number" || typeof value === "bigint") return Number(value) !== 0;
      if (typeof value === "string") {
        const lower = value.trim().toLowerCase();
        if (TRUE_TEXT.has(lower)) return true;
        if (FALSE_TEXT.has(lower)) return false;
      }
      return undefined;
    case "timestamp":
      if (typeof value === "string")
        return isoTimestamp(value) ?? (ISO_DATE.test(value) ? `${value}T00:00:00Z` : undefined);
      if (typeof value === "number" && Number.isFinite(value)) return isoFromEpoch(value);
      if (value instanceof Date) return value.toISOString();
      return undefined;
    case "date":
      if (typeof value === "string") {
        if (ISO_DATE.test(value.trim())) return value.trim();
        return isoTimestamp(value)?.slice(0, 10);
      }
      if (typeof value === "number" && Number.isFinite(value))
        return isoFromEpoch(value)?.slice(0, 10);
      return undefined;
    case "time":
      return typeof value === "string" && ISO_TIME.test(value.trim()) ? value.trim() : undefined;
    case "json":
      if (typeof value === "string") {
        try {
          JSON.parse(value);
          return value;
        } catch {
          return undefined;
        }
      }
      return typeof value === "object" && !(value instanceof Uint8Array)
        ? JSON.stringify(value)
        : undefined;
    case "binary":
      return value instanceof Uint8Array ? value : undefined;
  }
}

function isoFromEpoch(seconds: number): string | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
