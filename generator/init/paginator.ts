/**
 * Guess: how a list operation pages, from its query parameters and its
 * response (a Link header, a next link or cursor in the body, offset/limit,
 * page numbers). Page sizes go in `params` at the parameter's maximum, else
 * its default, else 100.
 */
import type { PaginatorConfig } from "../config/rest-api-config.js";
import type { JsonObject } from "../types/json-pointer.js";
import { objectProperties, schemaNode, schemaTypes, type SpecParameter, type SuccessResponse } from "./spec.js";

/** A guessed paginator, the query params it needs fixed (page size), and why. */
export interface PaginatorGuess {
  paginator: PaginatorConfig;
  params: Record<string, number>;
  reason: string;
}

const OFFSET_PARAMS = ["offset", "skip", "start", "from", "startIndex", "start_index"];
const LIMIT_PARAMS = ["limit", "per_page", "perPage", "page_size", "pageSize", "size", "count", "take", "max", "maxResults", "max_results", "rows", "pagelen"];
const PAGE_PARAMS = ["page", "page_number", "pageNumber", "pageIndex", "page_index", "p"];
const CURSOR_PARAMS = ["cursor", "after", "page_token", "pageToken", "next_token", "nextToken", "continuation", "continuation_token", "continuationToken", "marker", "page_after", "starting_after"];
const TOTAL_KEYS = ["total", "total_count", "totalCount", "total_results", "totalResults", "total_items", "totalItems", "totalElements", "count", "num_results"];
const TOTAL_PAGE_KEYS = ["total_pages", "totalPages", "pages", "page_count", "pageCount", "num_pages", "last_page", "lastPage"];

/** A property found in the response: its JSONPath keys and schema. */
interface Found {
  keys: string[];
  schema: JsonObject;
}

/** Properties of the response object up to three levels deep, depth first. */
function properties(document: JsonObject, schema: unknown, keys: string[] = []): Found[] {
  if (keys.length >= 3) return [];
  const found: Found[] = [];
  for (const [key, child] of objectProperties(document, schema)) {
    found.push({ keys: [...keys, key], schema: schemaNode(document, child) });
    if (schemaTypes(document, child).includes("object")) found.push(...properties(document, child, [...keys, key]));
  }
  return found;
}

function jsonPath(keys: string[]): string {
  return keys.map((key, index) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${index === 0 ? "" : "."}${key}` : `['${key}']`)).join("");
}

const last = (found: Found) => found.keys[found.keys.length - 1]!;

function queryParam(parameters: SpecParameter[], names: string[], type?: string): SpecParameter | undefined {
  const query = parameters.filter((parameter) => parameter.in === "query");
  for (const name of names) {
    const hit = query.find((parameter) => parameter.name === name);
    if (hit !== undefined && (type === undefined || hit.schema["type"] === undefined || hit.schema["type"] === type)) return hit;
  }
  return undefined;
}

/** The page size to ask for: the parameter's maximum, else its default, else 100. */
function pageSize(parameter: SpecParameter): number {
  const { maximum } = parameter.schema;
  const fallback = parameter.schema["default"];
  if (typeof maximum === "number" && Number.isInteger(maximum) && maximum > 0) return maximum;
  if (typeof fallback === "number" && Number.isInteger(fallback) && fallback > 0) return fallback;
  return 100;
}

function sizeParams(parameters: SpecParameter[]): Record<string, number> {
  const size = queryParam(parameters, LIMIT_PARAMS);
  return size === undefined ? {} : { [size.name]: pageSize(size) };
}

const isUrlLike = (found: Found) =>
  found.schema["format"] === "uri" || found.schema["format"] === "url" || /url|link|href|uri/i.test(last(found)) || last(found) === "next";

/** A next-page link in the body: `next`, `links.next`, `next_page_url`, `@odata.nextLink`, `next: { href }`… */
function nextLink(found: Found[]): Found | undefined {
  const strings = found.filter((entry) => schemaTypes({}, entry.schema).includes("string") || entry.schema["type"] === undefined);
  const direct = strings.find((entry) => /^(@odata\.)?next/i.test(last(entry)) && isUrlLike(entry));
  if (direct !== undefined) return direct;
  // `next_page: { uri }`, `_links: { next: { href } }`: a link object under a next-ish key.
  return strings.find((entry) => /^(href|url|uri)$/i.test(last(entry)) && entry.keys.length >= 2 && /^next/i.test(entry.keys[entry.keys.length - 2]!));
}

function total(found: Found[], names: string[]): string | null {
  // By name priority, not document order: `total_count` beats a sibling `count` (which is often the page's size).
  for (const name of names) {
    const hit = found.find((entry) => last(entry) === name && ["integer", "number", "string"].some((type) => schemaTypes({}, entry.schema).includes(type)));
    if (hit !== undefined) return jsonPath(hit.keys);
  }
  return null;
}

/**
 * Guesses the paginator of a list operation. In order: a `Link` response
 * header; a next-page URL in the body; a cursor parameter with a next cursor in
 * the body; offset and limit parameters; a page-number parameter; else one page.
 */
export function guessPaginator(document: JsonObject, parameters: SpecParameter[], response: SuccessResponse): PaginatorGuess {
  const found = properties(document, response.schema);
  const cursorParam = queryParam(parameters, CURSOR_PARAMS) ?? queryParam(parameters, ["page"], "string");
  if (response.headers.includes("link")) {
    return { paginator: { type: "header_link" }, params: sizeParams(parameters), reason: "the response declares a Link header" };
  }
  const link = nextLink(found);
  if (link !== undefined && (cursorParam === undefined || link.schema["format"] === "uri" || /url|link|href|uri/i.test(last(link)))) {
    return {
      paginator: { type: "json_link", next_url_path: jsonPath(link.keys) },
      params: sizeParams(parameters),
      reason: `the response holds the next page's URL in "${jsonPath(link.keys)}"`,
    };
  }
  if (cursorParam !== undefined) {
    const next = found.find((entry) => /^(next|cursor)/i.test(last(entry)) && !schemaTypes({}, entry.schema).includes("object"));
    if (next !== undefined) {
      return {
        paginator: { type: "cursor", cursor_path: jsonPath(next.keys), cursor_param: cursorParam.name },
        params: sizeParams(parameters),
        reason: `query parameter "${cursorParam.name}" takes the cursor found in "${jsonPath(next.keys)}"`,
      };
    }
  }
  const offset = queryParam(parameters, OFFSET_PARAMS, "integer");
  const limit = queryParam(parameters, LIMIT_PARAMS, "integer");
  if (offset !== undefined && limit !== undefined) {
    const paginator: PaginatorConfig = { type: "offset", limit: pageSize(limit), total_path: total(found, TOTAL_KEYS) };
    if (offset.name !== "offset") paginator.offset_param = offset.name;
    if (limit.name !== "limit") paginator.limit_param = limit.name;
    return { paginator, params: {}, reason: `query parameters "${offset.name}" and "${limit.name}"` };
  }
  const page = queryParam(parameters, PAGE_PARAMS, "integer");
  if (page !== undefined) {
    const { minimum } = page.schema;
    const fallback = page.schema["default"];
    const basePage = minimum === 0 || (minimum === undefined && fallback === 0) ? 0 : 1;
    const paginator: PaginatorConfig = { type: "page_number", base_page: basePage, total_path: total(found, TOTAL_PAGE_KEYS) };
    if (page.name !== "page") paginator.page_param = page.name;
    return { paginator, params: sizeParams(parameters), reason: `query parameter "${page.name}" numbers pages from ${basePage}` };
  }
  return { paginator: { type: "single_page" }, params: {}, reason: "no paging parameter or link in the spec" };
}
