/** Paginator settings the schema accepts but dlt refuses to build (reference §3.0, §3.4, §3.6, §3.7). */
import type { FoundIssue, PathSegments } from "../paths.js";
import { endpointSites, isRecord } from "./shapes.js";

/** Keys that say where the same value goes: as a query parameter or into the JSON body, not both. */
const EXCLUSIVE: Record<string, readonly (readonly [string, string, string])[]> = {
  cursor: [["cursor_param", "cursor_body_path", "cursor"]],
  offset: [
    ["offset_param", "offset_body_path", "offset"],
    ["limit_param", "limit_body_path", "limit"],
  ],
  page_number: [["page_param", "page_body_path", "page number"]],
};

const MAXIMUM: Record<string, string> = { offset: "maximum_offset", page_number: "maximum_page" };

const present = (value: unknown) => value !== undefined && value !== null;

function paginatorIssues(paginator: unknown, at: PathSegments): FoundIssue[] {
  if (paginator === "offset") {
    return [
      { path: at, message: 'paginator "offset" needs a limit: write { "type": "offset", "limit": <page size> }' },
    ];
  }
  if (!isRecord(paginator) || typeof paginator["type"] !== "string") return [];
  const type = paginator["type"];
  const issues: FoundIssue[] = [];
  for (const [param, bodyPath, what] of (Object.hasOwn(EXCLUSIVE, type) ? EXCLUSIVE[type] : undefined) ?? []) {
    if (present(paginator[param]) && present(paginator[bodyPath])) {
      issues.push({
        path: [...at, bodyPath],
        message: `${param} and ${bodyPath} cannot both be set: the ${what} goes either in the query or in the JSON body`,
      });
    }
  }
  const maximum = Object.hasOwn(MAXIMUM, type) ? MAXIMUM[type] : undefined;
  const neverStops =
    maximum !== undefined &&
    paginator["total_path"] === null &&
    !present(paginator[maximum]) &&
    !present(paginator["has_more_path"]) &&
    paginator["stop_after_empty_page"] === false;
  if (neverStops) {
    issues.push({
      path: at,
      message: `this paginator has no way to stop: with total_path null and stop_after_empty_page false, set ${maximum} or has_more_path (or drop stop_after_empty_page: false)`,
    });
  }
  return issues;
}

/** Issues of every paginator: the client's, resource_defaults', and each endpoint's. */
export function checkPaginators(config: unknown): FoundIssue[] {
  const client = isRecord(config) ? config["client"] : undefined;
  const issues = isRecord(client) ? paginatorIssues(client["paginator"], ["client", "paginator"]) : [];
  for (const site of endpointSites(config)) {
    issues.push(...paginatorIssues(site.endpoint["paginator"], [...site.path, "paginator"]));
  }
  return issues;
}
