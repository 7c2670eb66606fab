import { toJsonPath } from "../json-path.js";
import { cursorPaginator } from "./cursor.js";
import { findLink, headerLinkPaginator } from "./header-link.js";
import { jsonLinkPaginator } from "./json-link.js";
import { pageNumberPaginator } from "./page-number.js";
import type { PageResponse, PaginatorFactory } from "./paginator.js";
import { singlePagePaginator } from "./single-page.js";

/**
 * dlt's paginator auto-detection (reference §3.9), run on the first response when
 * no paginator is configured. Tried in order, the first hit wins:
 * 1. `header_link`: a `Link` header with a `rel="next"` link;
 * 2. `json_link`: a "next" key (see {@link findNextKey}) holding a string that
 *    starts with `http` or `/`;
 * 3. `page_number`: a `total_pages` / `pages` / `totalpages` key (any case) holding
 *    something Python's `int()` accepts, as `total_path`, every other key defaulted;
 * 4. `cursor`: a "next" key holding anything else, as `cursor_path`;
 * 5. `single_page` otherwise.
 * Paths are the keys joined with `.`, unescaped, as dlt builds them.
 */
export type DetectedPaginatorType =
  "header_link" | "json_link" | "page_number" | "cursor" | "single_page";

export interface DetectedPaginator {
  type: DetectedPaginatorType;
  /** The config keys the paginator was built with, for logging, e.g. `{ next_url_path: "links.next" }`. */
  options: Readonly<Record<string, string>>;
  factory: PaginatorFactory;
}

/** What Python calls str, int or float; bool is an int there, so it counts too. */
type Scalar = string | number | boolean;

interface Found {
  path: string[];
  value: Scalar;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/**
 * Depth-first over object keys in order (arrays are not entered): the first key
 * whose lower-cased name starts with `next` and holds a scalar, or holds an object
 * with a scalar under a key starting with `href` or `url`. A matching key that
 * holds neither (e.g. `null`) does not stop the search, and its object is searched too.
 */
export function findNextKey(node: unknown, path: readonly string[] = []): Found | undefined {
  if (!isObject(node)) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key.toLowerCase().startsWith("next")) {
      if (isObject(value)) {
        for (const [subKey, subValue] of Object.entries(value)) {
          const name = subKey.toLowerCase();
          if ((name.startsWith("href") || name.startsWith("url")) && isScalar(subValue)) {
            return { path: [...path, key, subKey], value: subValue };
          }
        }
      } else if (isScalar(value)) {
        return { path: [...path, key], value };
      }
    }
    const inner = findNextKey(value, [...path, key]);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

const TOTAL_PAGES_KEYS = new Set(["total_pages", "pages", "totalpages"]);

/** Depth-first like {@link findNextKey}: the first key named like a page count that holds a scalar. */
export function findTotalPagesKey(node: unknown, path: readonly string[] = []): Found | undefined {
  if (!isObject(node)) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (TOTAL_PAGES_KEYS.has(key.toLowerCase()) && isScalar(value))
      return { path: [...path, key], value };
    const inner = findTotalPagesKey(value, [...path, key]);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Whether Python's `int()` takes the value: any number or bool, or a string of decimal digits (sign, `_` separators and surrounding spaces allowed). */
function isPythonInt(value: Scalar): boolean {
  return typeof value !== "string" || /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value);
}

export function detectPaginator(response: PageResponse): DetectedPaginator {
  if (findLink(response.headers, "next") !== undefined) {
    return { type: "header_link", options: {}, factory: headerLinkPaginator() };
  }
  const next = findNextKey(response.body);
  if (
    next !== undefined &&
    typeof next.value === "string" &&
    (next.value.startsWith("http") || next.value.startsWith("/"))
  ) {
    const options = { next_url_path: toJsonPath(next.path) };
    return { type: "json_link", options, factory: jsonLinkPaginator(options) };
  }
  // Only the first page-count key is considered: if int() refuses it, dlt moves on to the cursor rather than searching further.
  const totalPages = findTotalPagesKey(response.body);
  if (totalPages !== undefined && isPythonInt(totalPages.value)) {
    const options = { total_path: toJsonPath(totalPages.path) };
    return { type: "page_number", options, factory: pageNumberPaginator(options) };
  }
  if (next !== undefined) {
    const options = { cursor_path: toJsonPath(next.path) };
    return { type: "cursor", options, factory: cursorPaginator(options) };
  }
  return { type: "single_page", options: {}, factory: singlePagePaginator() };
}
