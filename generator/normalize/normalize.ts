import { basename, dirname } from "node:path";
import type { AuthConfig, PaginatorConfig, RestApiConfig } from "../config/rest-api-config.js";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { ConfigValue, SecretValue, type ComponentModel, type ConnectorModel, type ResourceModel, type Value } from "../model.js";
import { checkHeaders } from "./headers.js";
import { withoutInlineCredentials, withoutInlineCredentialValues } from "./inline-secrets.js";
import { bindParentParams } from "./parent-params.js";
import { parseJsonPath } from "../../templates/runtime/json-path.js";
import { expandResource, mergeDefaults, type ExpandedResource } from "./merge-defaults.js";
import { checkColumnHints, columnsByName, keyFromColumns } from "./column-hints.js";
import { collectConfigValues, configReference, uniqueConfigValues } from "./config-values.js";
import { collectSecrets, toValue } from "./secrets.js";

/** Keys of the config language that later stages do not implement yet; refused rather than silently ignored. */
const NOT_YET_SUPPORTED = ["data"] as const;

/**
 * Auth given by type name alone (`"auth": "bearer"`): dlt resolves every field from
 * its secrets; here each secret field becomes a secret of the same name.
 */
const AUTH_SECRET_FIELDS: Record<string, string[]> = {
  bearer: ["token"],
  api_key: ["api_key"],
  http_basic: ["username", "password"],
};

function component(config: PaginatorConfig | AuthConfig, defaultType: string): ComponentModel {
  if (typeof config === "string") {
    const secretFields = AUTH_SECRET_FIELDS[config] ?? [];
    return { type: config, options: Object.fromEntries(secretFields.map((field) => [field, new SecretValue(field)])) };
  }
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

/**
 * Reference §6.2: `{name}` placeholders in the path bound from scalar `params`, which are then not sent.
 * A param that is a run-time value keeps its placeholder, filled when the connector runs.
 */
function bindStaticPathParams(resource: ExpandedResource, where: string, issues: ConfigIssue[]) {
  const params: Record<string, unknown> = { ...(resource.endpoint.params ?? {}) };
  const pathValues: Record<string, ConfigValue> = {};
  const path = resource.endpoint.path.replace(/\{([^{}.]+)\}/g, (placeholder, name: string) => {
    if (!(name in params)) {
      issues.push({ path: `${where}.endpoint.path`, message: `placeholder {${name}} requires a param named "${name}"` });
      return placeholder;
    }
    const value = params[name];
    const runTime = configReference(value, name);
    if (runTime !== undefined) {
      pathValues[name] = runTime;
      delete params[name];
      return placeholder;
    }
    if (typeof value === "object" && value !== null) {
      issues.push({ path: `${where}.endpoint.params.${name}`, message: "paths can only bind scalar params and resolve params" });
      return placeholder;
    }
    delete params[name];
    return encodeURIComponent(String(value));
  });
  return { path, params, pathValues };
}

function normalizeResource(
  config: RestApiConfig,
  resource: ExpandedResource,
  where: string,
  issues: ConfigIssue[],
  warnings: Set<string>,
): ResourceModel {
  // Keys may come as column hints; the resource's own primary_key/merge_key win, as in dlt.
  const primaryKey = resource.primary_key ?? keyFromColumns(resource.columns, "primary_key");
  const mergeKey = resource.merge_key ?? keyFromColumns(resource.columns, "merge_key");
  resource = { ...resource, ...(primaryKey === undefined ? {} : { primary_key: primaryKey }), ...(mergeKey === undefined ? {} : { merge_key: mergeKey }) };
  const { endpoint } = resource;
  for (const key of NOT_YET_SUPPORTED) {
    if (endpoint[key] !== undefined) issues.push({ path: `${where}.endpoint.${key}`, message: `"${key}" is not supported yet` });
  }
  checkHeaders(endpoint.headers, `${where}.endpoint.headers`, issues);
  const bound = bindParentParams(resource);
  const { path, params, pathValues } = bindStaticPathParams(bound.resource, where, issues);
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
  checkDeletes(resource, bound.incremental !== undefined, where, issues);
  issues.push(...checkColumnHints(resource.columns, where));
  return {
    name: resource.name,
    method: endpoint.method ?? "GET",
    path,
    pathValues,
    params: withoutInlineCredentialValues(toValue(params) as { [key: string]: Value }, `${where}.endpoint.params`, warnings),
    headers: withoutInlineCredentialValues(
      toValue({ ...(config.client.headers ?? {}), ...(endpoint.headers ?? {}) }) as { [key: string]: Value },
      `${where}.endpoint.headers`,
      warnings,
    ),
    json:
      endpoint.json === undefined
        ? undefined
        : withoutInlineCredentialValues(toValue(endpoint.json) as { [key: string]: Value }, `${where}.endpoint.json`, warnings),
    dataSelector,
    paginator,
    auth:
      auth === undefined
        ? undefined
        : withoutInlineCredentials(component(auth, "bearer"), endpoint.auth === undefined ? "client.auth" : `${where}.endpoint.auth`, warnings),
    responseActions: (endpoint.response_actions ?? []).map((action) => toValue(action) as { [key: string]: Value }),
    // Records at the boundary are told apart by the resource's primary key unless the incremental names its own, as in dlt.
    incremental:
      bound.incremental === undefined
        ? undefined
        : (toValue({
            ...(resource.primary_key === undefined ? {} : { primary_key: resource.primary_key }),
            ...bound.incremental,
          }) as { [key: string]: Value }),
    parent:
      bound.parent === undefined
        ? undefined
        : { name: bound.parent, includeFromParent: resource.include_from_parent ?? [], parallelized: resource.parallelized ?? false },
    ...(resource.schema === undefined ? {} : { schemaFile: resource.schema }),
    ...(resource.columns === undefined ? {} : { columns: columnHints(resource.columns) }),
    primaryKey: resource.primary_key,
    ...(resource.merge_key === undefined ? {} : { mergeKey: resource.merge_key }),
    ...(resource.max_table_nesting === undefined ? {} : { maxTableNesting: resource.max_table_nesting }),
    ...(resource.deletes === undefined ? {} : { deletes: resource.deletes }),
    writeDisposition: toValue(resource.write_disposition ?? "append"),
    tableName: resource.table_name ?? resource.name,
    selected: resource.selected ?? true,
  };
}

/** `deletes` needs a merge resource (delete-insert or upsert) with a primary key, read in full: only then does a run see every record. */
function checkDeletes(resource: ExpandedResource, incremental: boolean, where: string, issues: ConfigIssue[]): void {
  if (resource.deletes === undefined) return;
  const disposition = resource.write_disposition;
  const kind = typeof disposition === "string" ? disposition : disposition?.disposition;
  const strategy = typeof disposition === "object" && "strategy" in disposition ? (disposition.strategy ?? "delete-insert") : "delete-insert";
  const problem =
    kind !== "merge" || (strategy !== "delete-insert" && strategy !== "upsert")
      ? "needs write_disposition merge (delete-insert or upsert)"
      : resource.primary_key === undefined
        ? "needs a primary_key"
        : incremental
          ? "cannot apply to an incremental resource (a run does not read every record)"
          : undefined;
  if (problem) issues.push({ path: `${where}.deletes`, message: problem });
}

/** dlt's `columns` as a list of column objects or a map by name, as a map by name. */
function columnHints(columns: NonNullable<ExpandedResource["columns"]>): NonNullable<ResourceModel["columns"]> {
  return columnsByName(columns) as NonNullable<ResourceModel["columns"]>;
}

/** Resources reordered so that each parent comes before its children (validation has ruled out cycles). */
function parentsFirst(resources: ResourceModel[]): ResourceModel[] {
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  const ordered: ResourceModel[] = [];
  const placed = new Set<string>();
  const place = (resource: ResourceModel) => {
    if (placed.has(resource.name)) return;
    placed.add(resource.name);
    const parent = resource.parent && byName.get(resource.parent.name);
    if (parent) place(parent);
    ordered.push(resource);
  };
  resources.forEach(place);
  return ordered;
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
  const warnings = new Set<string>();
  checkHeaders(config.client.headers, "client.headers", issues);
  const resources = config.resources.map((raw, index) =>
    normalizeResource(config, mergeDefaults(config.resource_defaults, expandResource(raw)), `resources[${index}]`, issues, warnings),
  );
  const baseUrl = toValue(config.client.base_url, "base_url");
  const secrets = new Set<string>();
  const runTimeValues: ConfigValue[] = baseUrl instanceof ConfigValue ? [baseUrl] : [];
  for (const resource of resources) {
    const values = [resource.params, resource.headers, resource.json ?? {}, resource.auth?.options ?? {}, resource.incremental ?? {}];
    for (const value of values) collectSecrets(value, secrets);
    for (const value of [...values, resource.pathValues]) collectConfigValues(value, runTimeValues);
  }
  const configValues = uniqueConfigValues(runTimeValues, secrets, issues);
  if (issues.length > 0) throw new ConfigError(issues, configFile);
  const ordered = parentsFirst(resources);
  return {
    name: connectorName(config, configFile),
    baseUrl: baseUrl instanceof ConfigValue ? baseUrl : String(baseUrl),
    secrets: [...secrets].sort(),
    configValues,
    resources: ordered,
    destinations: [...(config.output?.destinations ?? ["duckdb", "postgres"])],
    warnings: [...warnings],
  };
}
