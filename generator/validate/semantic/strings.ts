/** The strings of an endpoint that dlt expands as placeholders, with where each one is. */
import { configReference } from "../../normalize/config-values.js";
import { secretReference } from "../../normalize/secrets.js";
import type { PathSegments } from "../paths.js";
import { isRecord, type EndpointSite, type ResourceSite } from "./shapes.js";

export interface FoundString {
  text: string;
  path: PathSegments;
  /** `path` allows `{param}` bindings; the other places allow only `resources.` and `incremental.`. */
  inPath: boolean;
}

/** Secrets, run-time values and param bindings are not strings to expand. */
const opaque = (value: Record<string, unknown>) =>
  "$secret" in value ||
  "$config" in value || value["type"] === "resolve" || value["type"] === "incremental";

/** Every string in `value` (object keys included), skipping secrets and param bindings. */
export function* walk(value: unknown, path: PathSegments): Generator<FoundString> {
  // dlt's `dlt.config["name"]` and `dlt.secrets["name"]` strings name a value; they are not expanded.
  if (typeof value === "string") {
    if (configReference(value, undefined) === undefined && secretReference(value) === undefined) yield { text: value, path, inPath: false };
  }
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* walk(item, [...path, index]);
  } else if (isRecord(value) && !opaque(value)) {
    for (const [key, item] of Object.entries(value)) {
      // Keys are expanded too (reference §2.2: params and json, recursively).
      yield { text: key, path: [...path, key], inPath: false };
      yield* walk(item, [...path, key]);
    }
  }
}

/** Expanded keys of an endpoint object. Client headers are not among them (reference §2.1). */
export const EXPANDED_KEYS = ["params", "json", "data", "headers"] as const;

/** Every expanded string an endpoint object holds itself (not what it inherits). */
export function* endpointStrings(site: EndpointSite): Generator<FoundString> {
  const path = site.endpoint["path"];
  if (typeof path === "string") yield { text: path, path: [...site.path, "path"], inPath: true };
  for (const key of EXPANDED_KEYS) {
    const value = site.endpoint[key];
    // A value of the wrong shape is the schema's to report; only data may be a plain string.
    if (isRecord(value) || (key === "data" && typeof value === "string")) yield* walk(value, [...site.path, key]);
  }
}

/** The request path of a resource whose endpoint is a plain string. */
export function* resourcePathString(site: ResourceSite): Generator<FoundString> {
  if (site.endpoint === undefined && site.entry !== undefined && typeof site.entry["endpoint"] === "string") {
    yield { text: site.entry["endpoint"], path: [...site.path, "endpoint"], inPath: true };
  }
}
