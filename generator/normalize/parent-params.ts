import type { IncrementalConfig, ParamValue } from "../config/rest-api-config.js";
import type { ExpandedResource } from "./merge-defaults.js";

/**
 * Rewrites dlt's two legacy bindings into the placeholder syntax the runtime
 * fills in (reference §6.1, §7.1), and names the parent a resource reads:
 * - a `resolve` param bound in the path (`{id}` with `params.id = { type: "resolve",
 *   resource: "users", field: "id" }`) becomes `{resources.users.id}`;
 * - an `incremental` param (`params.since = { type: "incremental", cursor_path, initial_value }`)
 *   becomes `endpoint.incremental` plus `since: "{incremental.start_value}"`.
 */
export function bindParentParams(resource: ExpandedResource): {
  resource: ExpandedResource;
  parent: string | undefined;
  incremental: IncrementalConfig | undefined;
} {
  const params: Record<string, ParamValue> = { ...(resource.endpoint.params ?? {}) };
  let path = resource.endpoint.path;
  let incremental = resource.endpoint.incremental;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !("type" in value)) continue;
    if (value.type === "resolve") {
      path = path.split(`{${name}}`).join(`{resources.${value.resource}.${value.field}}`);
      delete params[name];
    } else if (value.type === "incremental") {
      const { type: _type, ...options } = value;
      // A param binding wins over endpoint.incremental, as in dlt.
      incremental = options as IncrementalConfig;
      params[name] = "{incremental.start_value}";
    }
  }
  const endpoint = { ...resource.endpoint, path, params };
  const text = JSON.stringify([endpoint.path, endpoint.params, endpoint.json ?? null, endpoint.headers ?? null]);
  const parent = /\{resources\.([^.{}]+)\./.exec(text)?.[1];
  return { resource: { ...resource, endpoint }, parent, incremental };
}
