/**
 * Guess: a time window in a list's query parameters (`since`/`until`,
 * `createdSince`/`createdUntil`, `start_time`/`end_time`, `updated_after`/`updated_before`, …):
 * two date-time parameters whose names differ only by a start and an end word. Such a
 * list loads incrementally: the start parameter takes the last cursor value, the cursor
 * being the record's date-time field the window is about.
 */
import type { JsonObject } from "../types/json-pointer.js";
import { objectProperties, schemaNode, type SpecParameter } from "./spec.js";

/** A window's two parameters and the record field it filters on, if the record has one. */
export interface TimeWindow {
  start: SpecParameter;
  end: SpecParameter;
  /** The record's date-time field the window is about, e.g. `created` for `createdSince`. */
  cursorField: string | undefined;
}

/** Start and end words, as they pair up in window parameter names. */
const PAIRS: [string, string][] = [
  ["since", "until"],
  ["from", "to"],
  ["start", "end"],
  ["begin", "end"],
  ["after", "before"],
  ["min", "max"],
  ["gte", "lte"],
  ["gt", "lt"],
];

const isDateTime = (parameter: SpecParameter) => {
  const format = parameter.schema["format"];
  return parameter.in === "query" && (format === "date-time" || format === "date");
};

/** The parameter's name split into words (`createdSince` → created, since; `start_time` → start, time). */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/** The name with one word swapped, keeping the original's case and separators (`createdSince` → `createdUntil`). */
function swapWord(name: string, from: string, to: string): string | undefined {
  const tokens = name.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[^A-Za-z0-9]+/g) ?? [];
  const index = tokens.findIndex((token) => token.toLowerCase() === from);
  if (index === -1) return undefined;
  const found = tokens[index]!;
  const cased = found.length > 1 && found === found.toUpperCase() ? to.toUpperCase() : /^[A-Z]/.test(found) ? to[0]!.toUpperCase() + to.slice(1) : to;
  return [...tokens.slice(0, index), cased, ...tokens.slice(index + 1)].join("");
}

/** Date-time fields of a record (top level), in schema order. */
function dateTimeFields(document: JsonObject, itemSchema: unknown): string[] {
  const fields: string[] = [];
  for (const [name, schema] of objectProperties(document, itemSchema)) {
    const node = schemaNode(document, schema);
    const format = node["format"];
    if (format === "date-time" || format === "date") fields.push(name);
  }
  return fields;
}

/** Fields a window without a subject word (`since`/`until`, `from`/`to`) is most likely about, in order. */
const GENERIC_CURSORS = ["updated_at", "updatedat", "updated", "modified_at", "modifiedat", "created_at", "createdat", "created", "creationdate", "timestamp", "date", "time"];

const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The record's date-time field that the window's subject words name, else a conventional one. */
function cursorFieldFor(subject: string[], fields: string[]): string | undefined {
  if (subject.length > 0) {
    const stem = plain(subject.join("")).replace(/(ed|ion|e)$/, "");
    const named = fields.find((field) => plain(field).startsWith(stem) || plain(field).includes(stem));
    if (named !== undefined) return named;
  }
  for (const candidate of GENERIC_CURSORS) {
    const found = fields.find((field) => plain(field) === candidate.replace(/_/g, ""));
    if (found !== undefined) return found;
  }
  return fields.length === 1 ? fields[0] : undefined;
}

/** The first time window among the parameters, or `undefined`. */
export function guessTimeWindow(document: JsonObject, parameters: SpecParameter[], itemSchema: unknown): TimeWindow | undefined {
  const byName = new Map(parameters.filter(isDateTime).map((parameter) => [parameter.name, parameter]));
  for (const start of byName.values()) {
    for (const [from, to] of PAIRS) {
      if (!words(start.name).includes(from)) continue;
      const endName = swapWord(start.name, from, to);
      const end = endName === undefined ? undefined : byName.get(endName);
      if (end === undefined) continue;
      const subject = words(start.name).filter((word) => word !== from && !["date", "time", "at", "on"].includes(word));
      const fields = dateTimeFields(document, itemSchema);
      // A record field named like the start itself (`start_time`) is what the window bounds.
      const own = fields.find((field) => plain(field) === plain(start.name));
      return { start, end, cursorField: own ?? cursorFieldFor(subject, fields) };
    }
  }
  return undefined;
}
