/** A query parameter value; a list is sent as repeated `key=v1&key=v2`, `null` is not sent. */
export type QueryValue = string | number | boolean | null | readonly (string | number | boolean)[];

/** A JSON value as it appears in a request body. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One mutable request, built once per resource run and changed in place by the
 * paginator between pages, as dlt's request loop does.
 */
export interface RequestSpec {
  method: "GET" | "POST";
  url: string;
  query: Record<string, QueryValue>;
  headers: Record<string, string>;
  json?: { [key: string]: JsonValue } | undefined;
}

/** A copy of `request` that later changes to the original (a paginator moving on) do not reach. */
export function cloneRequest(request: RequestSpec): RequestSpec {
  return {
    method: request.method,
    url: request.url,
    query: { ...request.query },
    headers: { ...request.headers },
    json: request.json === undefined ? undefined : structuredClone(request.json),
  };
}

/** Two requests that would send the same thing have the same key. */
export function requestKey(request: RequestSpec): string {
  return JSON.stringify([
    request.method,
    urlWithQuery(request.url, request.query),
    request.headers,
    request.json ?? null,
  ]);
}

/**
 * Joins `base_url` and an endpoint path the way dlt does: an absolute http(s) path
 * wins; otherwise exactly one `/` between them (no RFC 3986 relative resolution).
 */
export function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (baseUrl === "") return path;
  if (path === "") return baseUrl;
  return `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The URL with the query appended, as it is sent. */
export function urlWithQuery(url: string, query: Record<string, QueryValue>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) {
    if (value === null) continue;
    if (Array.isArray(value))
      for (const item of value) target.searchParams.append(key, String(item));
    else target.searchParams.set(key, String(value));
  }
  return target.toString();
}

/** Sets `value` at a dot-separated path of the JSON body, creating objects on the way. */
export function setBodyPath(request: RequestSpec, dottedPath: string, value: JsonValue): void {
  const keys = dottedPath.split(".");
  const last = keys.pop() as string;
  let node: { [key: string]: JsonValue } = (request.json ??= {});
  for (const key of keys) {
    const child = node[key];
    if (typeof child === "object" && child !== null && !Array.isArray(child)) node = child;
    else node = node[key] = {};
  }
  node[last] = value;
}
