import { findAll, parseJsonPath, type JsonPathSegment } from "./json-path.js";

/** The records a `data_selector` found in one body; `matched` is false when the path is not in the body at all. */
export interface Selection {
  records: unknown[];
  matched: boolean;
}

/**
 * Extracts the records of one page with a `data_selector`, following dlt:
 * one match is the value itself, several matches are a list; `null` is an
 * empty page, a list is the records, and any other value is a single record.
 * Unlike dlt, which reads a path that is not there as an empty page (and so
 * ends paging silently), `matched: false` lets the caller fail loudly.
 */
export function createDataSelector(selector: string): (body: unknown) => Selection {
  const segments: JsonPathSegment[] = parseJsonPath(selector);
  return (body) => {
    const matches = findAll(segments, body);
    if (matches.length === 0) return { records: [], matched: false };
    const value = matches.length === 1 ? matches[0] : matches;
    if (value === null || value === undefined) return { records: [], matched: true };
    return { records: Array.isArray(value) ? value : [value], matched: true };
  };
}
