import { mergeColumns } from "./column-hints.js";
import type { EndpointConfig, ResourceBaseConfig, ResourceConfig } from "../config/rest-api-config.js";

/** A resource after expansion: always an object with an endpoint object that has a path. */
export type ExpandedResource = Omit<ResourceConfig, "endpoint"> & { endpoint: EndpointConfig & { path: string } };

/** Reference §1.1/§1.2: a string resource is its own name and path; a missing or string endpoint becomes an object. */
export function expandResource(resource: string | ResourceConfig): ExpandedResource {
  if (typeof resource === "string") return { name: resource, endpoint: { path: resource } };
  const endpoint: EndpointConfig =
    typeof resource.endpoint === "string" ? { path: resource.endpoint } : { ...(resource.endpoint ?? {}) };
  return { ...resource, endpoint: { ...endpoint, path: endpoint.path ?? resource.name } };
}

/**
 * Reference §1.3: defaults merge into a resource shallowly, except that the
 * endpoint merges one level, and its `params` and `json` one level deeper;
 * everything else a resource sets (headers and paginator included) replaces the default whole.
 */
export function mergeDefaults(defaults: ResourceBaseConfig | undefined, resource: ExpandedResource): ExpandedResource {
  if (defaults === undefined) return resource;
  const defaultEndpoint: EndpointConfig = typeof defaults.endpoint === "string" ? { path: defaults.endpoint } : (defaults.endpoint ?? {});
  const { params, json, ...rest } = resource.endpoint;
  const endpoint: EndpointConfig & { path: string } = { ...defaultEndpoint, ...rest };
  if (json !== undefined) endpoint.json = { ...(defaultEndpoint.json ?? {}), ...json };
  if (params !== undefined) endpoint.params = { ...(defaultEndpoint.params ?? {}), ...params };
  const { endpoint: _ignored, ...defaultHints } = defaults;
  const columns = mergeColumns(defaults.columns, resource.columns);
  return { ...defaultHints, ...resource, endpoint, ...(columns === undefined ? {} : { columns }) };
}
