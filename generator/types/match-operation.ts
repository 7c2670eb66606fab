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

function urlPath(url: string): string {
  try {
    return new URL(url, "http://placeholder.invalid").pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

/**
 * Finds the operation for `method path` in `document.paths`. The base path may
 * live in `base_url` or in the spec's `servers`, so both are tried as prefixes.
 */
export function matchOperation(document: JsonObject, baseUrl: string, method: string, path: string): MatchedOperation | undefined {
  const paths = isJsonObject(document["paths"]) ? document["paths"] : {};
  const servers = Array.isArray(document["servers"]) ? document["servers"] : [];
  const serverPrefixes = servers
    .map((server) => (isJsonObject(server) && typeof server["url"] === "string" ? urlPath(server["url"]) : ""))
    .concat(typeof document["basePath"] === "string" ? [urlPath(document["basePath"])] : [], [""]);
  const wanted = new Set([pathShape(path), pathShape(`${urlPath(baseUrl)}/${path.replace(/^\/+/, "")}`)]);
  const verb = method.toLowerCase();
  for (const [specPath, item] of Object.entries(paths)) {
    if (!isJsonObject(item) || !isJsonObject(item[verb])) continue;
    for (const prefix of serverPrefixes) {
      if (wanted.has(pathShape(`${prefix}/${specPath.replace(/^\/+/, "")}`))) {
        return { path: specPath, method: verb, operation: item[verb] };
      }
    }
  }
  return undefined;
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
