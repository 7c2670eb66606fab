/**
 * Read-only views of a config that may not match the schema yet: semantic checks run alongside
 * schema validation, so each one looks only at values of the shape it understands.
 */
import type { PathSegments } from "../paths.js";

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** An endpoint object, where it sits, and the resource it belongs to (none for resource_defaults). */
export interface EndpointSite {
  path: PathSegments;
  endpoint: Record<string, unknown>;
  resource: ResourceSite | undefined;
}

/** One entry of `resources`, string or object. */
export interface ResourceSite {
  index: number;
  path: PathSegments;
  /** The resource's name, when it has a usable one. */
  name: string | undefined;
  entry: Record<string, unknown> | undefined;
  /** Where the endpoint's own settings are: an object endpoint, else none. */
  endpoint: EndpointSite | undefined;
  /** The request path as written: the endpoint string, `endpoint.path`, or (dlt's default) the name. */
  requestPath: { value: string; path: PathSegments } | undefined;
}

export function resourceSites(config: unknown): ResourceSite[] {
  const resources = isRecord(config) && Array.isArray(config["resources"]) ? config["resources"] : [];
  return resources.map((entry: unknown, index) => {
    const path: PathSegments = ["resources", index];
    if (typeof entry === "string") {
      return { index, path, name: entry, entry: undefined, endpoint: undefined, requestPath: { value: entry, path } };
    }
    const object = isRecord(entry) ? entry : undefined;
    const name = typeof object?.["name"] === "string" ? object["name"] : undefined;
    const site: ResourceSite = { index, path, name, entry: object, endpoint: undefined, requestPath: undefined };
    const endpoint = object?.["endpoint"];
    if (typeof endpoint === "string") site.requestPath = { value: endpoint, path: [...path, "endpoint"] };
    if (isRecord(endpoint)) {
      site.endpoint = { path: [...path, "endpoint"], endpoint, resource: site };
      const own = endpoint["path"];
      if (typeof own === "string") site.requestPath = { value: own, path: [...path, "endpoint", "path"] };
    }
    if (site.requestPath === undefined && name !== undefined)
      site.requestPath = { value: name, path: [...path, "name"] };
    return site;
  });
}

/** `resource_defaults.endpoint`, when it is an object. */
export function defaultsEndpoint(config: unknown): EndpointSite | undefined {
  const defaults = isRecord(config) ? config["resource_defaults"] : undefined;
  const endpoint = isRecord(defaults) ? defaults["endpoint"] : undefined;
  return isRecord(endpoint) ? { path: ["resource_defaults", "endpoint"], endpoint, resource: undefined } : undefined;
}

/** Every endpoint object: resource_defaults' first, then each resource's. */
export function endpointSites(config: unknown): EndpointSite[] {
  const defaults = defaultsEndpoint(config);
  const own = resourceSites(config).flatMap((site) => (site.endpoint === undefined ? [] : [site.endpoint]));
  return defaults === undefined ? own : [defaults, ...own];
}

/** A value set in Python's sense: present, not null, not an empty string, list or object. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isRecord(value) || Object.keys(value).length > 0;
}

/** Endpoint key `key` as a resource ends up with it: its own, else resource_defaults' (reference §1.3). */
export function effective(
  site: ResourceSite,
  defaults: EndpointSite | undefined,
  key: string,
): { value: unknown; path: PathSegments } | undefined {
  const own = site.endpoint?.endpoint;
  if (own !== undefined && key in own) return { value: own[key], path: [...(site.endpoint?.path ?? []), key] };
  if (defaults !== undefined && key in defaults.endpoint)
    return { value: defaults.endpoint[key], path: [...defaults.path, key] };
  return undefined;
}
