/**
 * Stage `validate`: an unknown value becomes a `RestApiConfig`, or one `ConfigError` listing every
 * problem at once — schema violations and the semantic checks dlt would only hit at run time.
 */
import type { RestApiConfig } from "../config/rest-api-config.js";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { formatPath, type FoundIssue, type PathSegments } from "./paths.js";
import { schemaIssues } from "./schema-issues.js";
import { semanticIssues } from "./semantic/index.js";

/** Finds where a path of the config is written in its file (1-based), when it can. */
export type Locate = (path: (string | number)[]) => { line: number; column: number } | undefined;

/** Where the config came from, so issues can name the file and the line. */
export interface ConfigSource {
  file?: string | undefined;
  locate?: Locate | undefined;
}

/** How far into the document each segment of `path` is, so issues read top to bottom. */
function documentOrder(path: PathSegments, root: unknown): number[] {
  const order: number[] = [];
  let value: unknown = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === "number") {
      order.push(segment);
      value = value[segment];
    } else if (value !== null && typeof value === "object" && typeof segment === "string") {
      const index = Object.keys(value).indexOf(segment);
      order.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      value = (value as Record<string, unknown>)[segment];
    } else {
      order.push(Number.MAX_SAFE_INTEGER);
      value = undefined;
    }
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function toConfigIssues(found: readonly FoundIssue[], input: unknown, locate: Locate | undefined): ConfigIssue[] {
  const seen = new Set<string>();
  const ordered = found
    .map((issue) => ({ issue, order: documentOrder(issue.path, input) }))
    .sort((a, b) => compareOrder(a.order, b.order));
  const issues: ConfigIssue[] = [];
  for (const { issue } of ordered) {
    const path = formatPath(issue.path);
    const key = `${path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = locate?.([...issue.path]);
    issues.push(
      position === undefined ? { path, message: issue.message } : { path, message: issue.message, ...position },
    );
  }
  return issues;
}

/**
 * Checks `input` against the config language and returns it typed, or throws one `ConfigError`
 * carrying every issue (path like `resources[2].endpoint.paginator.limit`, an actionable message,
 * and line/column when `source.locate` is given). Values under secret-looking keys are never echoed.
 */
export function validateConfig(input: unknown, source: ConfigSource = {}): RestApiConfig {
  const found = [...schemaIssues(input), ...semanticIssues(input)];
  if (found.length === 0) return input as RestApiConfig;
  throw new ConfigError(toConfigIssues(found, input, source.locate), source.file);
}
