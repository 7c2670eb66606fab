import { findAll, parseJsonPath, type JsonPathSegment } from "./json-path.js";

/**
 * Extracts the records of one page with a `data_selector`, following dlt:
 * one match is the value itself, several matches are a list; `null` is an
 * empty page, a list is the records, and any other value is a single record.
 */
export function createDataSelector(selector: string): (body: unknown) => unknown[] {
  const segments: JsonPathSegment[] = parseJsonPath(selector);
  return (body) => {
    const matches = findAll(segments, body);
    const value = matches.length === 1 ? matches[0] : matches;
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  };
}
