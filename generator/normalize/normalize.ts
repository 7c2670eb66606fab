import { basename, dirname } from "node:path";
import type { AuthConfig, PaginatorConfig, RestApiConfig } from "../config/rest-api-config.js";
import { ConfigError, type ConfigIssue } from "../errors.js";
import type { ComponentModel, ConnectorModel, ResourceModel, Value } from "../model.js";
import { parseJsonPath } from "../../templates/runtime/json-path.js";
import { expandResource, mergeDefaults, type ExpandedResource } from "./merge-defaults.js";
import { collectSecrets, toValue } from "./secrets.js";

/** Keys of the config language that later stages do not implement yet; refused rather than silently ignored. */
const NOT_YET_SUPPORTED = ["incremental", "response_actions", "data"] as const;

function component(config: PaginatorConfig | AuthConfig, defaultType: string): ComponentModel {
  if (typeof config === "string") return { type: config, options: {} };
  const { type, ...options } = config as { type?: string } & Record<string, unknown>;
  return { type: type ?? defaultType, options: toValue(options) as { [key: string]: Value } };
}

/** Reference §3.0: the endpoint's paginator, else the client's; `auto` on an endpoint falls back to the client's. */
function choosePaginator(endpoint: PaginatorConfig | undefined, client: PaginatorConfig | undefined): ComponentModel {
  const isAuto = (paginator: PaginatorConfig | undefined) =>
    paginator === undefined || paginator === "auto" || (typeof paginator === "object" && paginator.type === "auto");
  const chosen = isAuto(endpoint) ? client : endpoint;
  const model = chosen === undefined ? { type: "auto", options: {} } : component(chosen, "auto");
  // `json_response` is dlt's deprecated name for `json_link`.
  return model.type === "json_response" ? { ...model, type: "json_link" } : model;
}

/** Reference §3.9: an endpoint whose last path segment holds a placeholder returns one entity. */
function isSingleEntityPath(path: string): boolean {
  const last = path.replace(/\/+$/, "").split("/").pop() ?? "";
  return /\{[A-Za-z0-9.\-_]+\}/.test(last);
}

/** Reference §6.2: `{name}` placeholders in the path bound from scalar `params`, which are then not sent. */
function bindStaticPathParams(resource: ExpandedResource, where: string, issues: ConfigIssue[]) {
  const params: Record<string, unknown> = { ...(resource.endpoint.params ?? {}) };
  const path = resource.endpoint.path.replace(/\{([^{}.]+)\}/g, (placeholder, name: string) => {
    if (!(name in params)) {
      issues.push({ path: `${where}.endpoint.path`, message: `placeholder {${name}} requires a param named "${name}"` });
      return placeholder;
    }
    const value = params[name];
    if (typeof value === "object" && value !== null) {
      issues.push({ path: `${where}.endpoint.params.${name}`, message: "parent/child (resolve) params are not supported yet" });
      return placeholder;
    }
    delete params[name];
    return encodeURIComponent(String(value));
  });
  return { path, params };
}

function normalizeResource(config: RestApiConfig, resource: ExpandedResource, where: string, issues: ConfigIssue[]): ResourceModel {
  const { endpoint } = resource;
  for (const key of NOT_YET_SUPPORTED) {
    if (endpoint[key] !== undefined) issues.push({ path: `${where}.endpoint.${key}`, message: `"${key}" is not supported yet` });
  }
  if (resource.include_from_parent !== undefined) {
    issues.push({ path: `${where}.include_from_parent`, message: "parent/child resources are not supported yet" });
  }
  if (/\{resources\./.test(JSON.stringify(endpoint))) {
    issues.push({ path: `${where}.endpoint`, message: "parent/child ({resources.…}) placeholders are not supported yet" });
  }
  const { path, params } = bindStaticPathParams(resource, where, issues);
  const singleEntity = isSingleEntityPath(endpoint.path);
  let dataSelector = endpoint.data_selector ?? (singleEntity ? "$" : undefined);
  if (dataSelector !== undefined) {
    try {
      parseJsonPath(dataSelector);
    } catch (error) {
      issues.push({ path: `${where}.endpoint.data_selector`, message: (error as Error).message });
      dataSelector = "$";
    }
  }
  const paginator =
    endpoint.paginator === undefined && singleEntity
      ? { type: "single_page", options: {} }
      : choosePaginator(endpoint.paginator, config.client.paginator);
  const auth = endpoint.auth ?? config.client.auth;
  return {
    name: resource.name,
    method: endpoint.method ?? "GET",
    path,
    params: toValue(params) as { [key: string]: Value },
    headers: toValue({ ...(config.client.headers ?? {}), ...(endpoint.headers ?? {}) }) as { [key: string]: Value },
    json: endpoint.json === undefined ? undefined : (toValue(endpoint.json) as { [key: string]: Value }),
    dataSelector,
    paginator,
    auth: auth === undefined ? undefined : component(auth, "bearer"),
    primaryKey: resource.primary_key,
    writeDisposition: toValue(resource.write_disposition ?? "append"),
    tableName: resource.table_name ?? resource.name,
    selected: resource.selected ?? true,
  };
}

/** The connector's name: the config's `name`, else the folder the config file is in. */
export function connectorName(config: RestApiConfig, configFile: string | undefined): string {
  if (config.name !== undefined) return config.name;
  return configFile === undefined ? "connector" : basename(dirname(configFile));
}

/**
 * Stage `normalize`: a validated config becomes the connector model, applying
 * dlt's defaults and merge rules. Problems that validation cannot see (they
 * depend on several keys at once) are reported together as one ConfigError.
 */
export function normalize(config: RestApiConfig, configFile?: string): ConnectorModel {
  const issues: ConfigIssue[] = [];
  const resources = config.resources.map((raw, index) =>
    normalizeResource(config, mergeDefaults(config.resource_defaults, expandResource(raw)), `resources[${index}]`, issues),
  );
  if (issues.length > 0) throw new ConfigError(issues, configFile);
  const secrets = new Set<string>();
  for (const resource of resources) {
    for (const value of [resource.params, resource.headers, resource.json ?? {}, resource.auth?.options ?? {}]) {
      collectSecrets(value, secrets);
    }
  }
  return {
    name: connectorName(config, configFile),
    baseUrl: config.client.base_url,
    secrets: [...secrets].sort(),
    resources,
  };
}
