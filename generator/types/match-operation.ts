import { isJsonObject, type JsonObject } from "./json-pointer.js";

/** An OpenAPI operation found for a resource's method and path. */
export interface MatchedOperation {
  path: string;
  method: string;
  operation: JsonObject;
}

/** A path template with parameter names and trailing slashes erased, so `/users/{id}/` matches `/users/{user_id}`. */
function pathShape(path: string): string {
  const withoutQuery = path.split("?")[0] ?? "";
  const shape = withoutQuery.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");
  return shape.startsWith("/") ? shape : `/${shape}`;
}

/** The path part of a server or base URL; server URLs may hold `{variables}` that `URL` rejects, so those are cut by hand. */
function urlPath(url: string): string {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  return decodeURI(withoutOrigin.split(/[?#]/)[0] ?? "").replace(/\/+$/, "");
}

/** A path's segments, without query, empty segments (so trailing and doubled slashes do not count) or surrounding slashes. */
function segments(path: string): string[] {
  return (path.split("?")[0] ?? "").split("/").filter((segment) => segment !== "");
}

const PLACEHOLDER = /\{[^}]*\}/g;

/**
 * How well a concrete or templated segment of the resource's path fits a
 * segment of the spec's path template, or `undefined` when it does not:
 * 3 for the same literal, 2 for placeholders in the same places whatever
 * their names (`{id}` / `{user_id}`), 1 for a value the template admits
 * (`42` for `{id}`: normalize binds static params into the path).
 */
function segmentFit(wanted: string, spec: string): number | undefined {
  if (wanted === spec) return 3;
  if (wanted.replace(PLACEHOLDER, "{}") === spec.replace(PLACEHOLDER, "{}")) return 2;
  if (!spec.includes("{") || wanted.includes("{")) return undefined;
  const pattern = spec
    .split(PLACEHOLDER)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${pattern}$`).test(wanted) ? 1 : undefined;
}

function pathFit(wanted: readonly string[], spec: readonly string[]): number | undefined {
  if (wanted.length !== spec.length) return undefined;
  let total = 0;
  for (const [index, segment] of wanted.entries()) {
    const fit = segmentFit(segment, spec[index]!);
    if (fit === undefined) return undefined;
    total += fit;
  }
  return total;
}

/**
 * Finds the operation for `method path` in `document.paths`. The base path may
 * live in `base_url` or in the spec's `servers` (or Swagger's `basePath`), so
 * both are tried as prefixes. Of several templates that fit, the one with the
 * most literal agreement wins (`/users/me` over `/users/{id}`).
 */
export function matchOperation(document: JsonObject, baseUrl: string, method: string, path: string): MatchedOperation | undefined {
  const paths = isJsonObject(document["paths"]) ? document["paths"] : {};
  const servers = Array.isArray(document["servers"]) ? document["servers"] : [];
  const serverPrefixes = servers
    .map((server) => (isJsonObject(server) && typeof server["url"] === "string" ? urlPath(server["url"]) : ""))
    .concat(typeof document["basePath"] === "string" ? [urlPath(document["basePath"])] : [], [""]);
  // An absolute http(s) path replaces base_url, as the runtime does.
  const wanted = /^https?:\/\//i.test(path)
    ? [segments(urlPath(path))]
    : [segments(path), segments(`${urlPath(baseUrl)}/${path.replace(/^\/+/, "")}`)];
  const verb = method.toLowerCase();
  let best: { fit: number; match: MatchedOperation } | undefined;
  for (const [specPath, item] of Object.entries(paths)) {
    if (!isJsonObject(item) || !isJsonObject(item[verb])) continue;
    for (const prefix of new Set(serverPrefixes)) {
      const spec = segments(`${prefix}/${specPath}`);
      for (const candidate of wanted) {
        const fit = pathFit(candidate, spec);
        if (fit !== undefined && (best === undefined || fit > best.fit)) best = { fit, match: { path: specPath, method: verb, operation: item[verb] } };
      }
    }
  }
  return best?.match;
}

/** The spec paths nearest to `path`, for a warning that helps fix a typo. */
export function closestPaths(document: JsonObject, path: string, count = 3): string[] {
  const paths = isJsonObject(document["paths"]) ? Object.keys(document["paths"]) : [];
  const target = pathShape(path);
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length]!;
  };
  return paths
    .map((candidate) => ({ candidate, score: distance(pathShape(candidate), target) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}
