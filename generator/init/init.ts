/**
 * `gen-connector init`: a starting config from an OpenAPI document alone, made
 * of the guesses in this folder, that validates, generates and type-checks as is.
 */
import { basename, dirname, relative, resolve, sep } from "node:path";
import type { EndpointConfig, IncrementalConfig, ParamValue, ResourceConfig, RestApiConfig } from "../config/rest-api-config.js";
import { ConfigError } from "../errors.js";
import { normalize } from "../normalize/normalize.js";
import { isJsonObject } from "../types/json-pointer.js";
import { loadOpenApi } from "../types/load-openapi.js";
import { validateConfig } from "../validate/validate-config.js";
import { guessAuth } from "./auth.js";
import { guessBaseUrl } from "./base-url.js";
import { listOperations, resourceNames, type ListOperation } from "./list-operations.js";
import { guessPaginator } from "./paginator.js";
import { guessParent, type ParentLink } from "./parent-child.js";
import { RunTimeValues, runTimeName } from "./run-time-values.js";
import { getOperations, objectProperties } from "./spec.js";

export interface InitOptions {
  /** The folder the config will be written to: its `openapi` path is relative to it. Default: the working directory. */
  configDir?: string;
}

/** How much of a spec a config covers: its GET operations, the lists among them, the resources kept, and why each other list was left out. */
export interface InitCoverage {
  getOperations: number;
  lists: number;
  resources: number;
  leftOut: { path: string; why: string }[];
}

/** A starting config and, for the user to review, what was guessed and what was left out. */
export interface InitResult {
  config: RestApiConfig;
  notes: string[];
  coverage: InitCoverage;
}

/** The connector's name: the spec's title in snake_case (`Swagger Petstore` → `swagger_petstore`). */
function connectorName(title: unknown, file: string): string {
  const text = typeof title === "string" && title.trim() !== "" ? title : basename(file).replace(/\.[^.]+$/, "");
  const name = text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase()
    .split("_");
  // "Mastodon API Specification", "GitHub v3 REST API": the words before the generic ones name the API.
  const generic = name.findIndex((word, index) => index > 0 && /^(api|apis|rest|restful|specification|spec|openapi|service|v\d+)$/.test(word));
  const words = (generic === -1 ? name : name.slice(0, generic)).slice(0, 3).join("_");
  return /^[a-z]/.test(words) ? words : `api_${words}`;
}

/** The incremental window of a list: its start param takes the cursor, which starts at a run-time value on the first run. */
function windowIncremental(list: ListOperation, name: string, values: RunTimeValues, notes: string[]): IncrementalConfig | undefined {
  const window = list.window;
  if (window === undefined || window.cursorField === undefined) return undefined;
  const { start, end } = window;
  notes.push(
    `${name}: incremental on "${window.cursorField}" through the window "${start.name}"/"${end.name}"; ` +
      (end.required
        ? `the API requires both ends: run-time values "${runTimeName(start.name)}" and "${runTimeName(end.name)}" set the window of each run (no cursor is kept between runs)`
        : `"${start.name}" starts at run-time value "${runTimeName(start.name)}" on the first run, then at the last "${window.cursorField}" loaded`),
  );
  return {
    cursor_path: window.cursorField,
    start_param: start.name,
    end_param: end.name,
    initial_value: values.use(runTimeName(start.name), name, `where "${start.name}" starts on the first run`),
    // An end the API requires is given per run: a window with an end is a backfill, which keeps no cursor.
    ...(end.required ? { end_value: values.use(runTimeName(end.name), name, `the required end "${end.name}" of the window`) } : {}),
  };
}

function resource(list: ListOperation, name: string, path: string, document: Parameters<typeof guessPaginator>[0], notes: string[], values: RunTimeValues): ResourceConfig {
  const window = list.window?.cursorField === undefined ? undefined : list.window;
  const paging = guessPaginator(
    document,
    list.parameters.filter((parameter) => parameter !== window?.start && parameter !== window?.end),
    list.response,
  );
  const params: Record<string, ParamValue> = { ...list.requiredParams, ...paging.params };
  const headers: Record<string, string | { $config: string }> = { ...list.requiredHeaders };
  // Placeholders no parent fills: the user names the one thing (repository, account) to read.
  for (const match of path.matchAll(/\{([^{}.]+)\}/g)) {
    params[match[1]!] = values.use(runTimeName(match[1]!), name, `path parameter {${match[1]!}}`);
  }
  for (const parameter of list.runTimeParams) {
    const value = values.use(runTimeName(parameter.name), name, `required ${parameter.in} "${parameter.name}"`);
    if (parameter.in === "header") headers[parameter.name] = value;
    else params[parameter.name] = value;
  }
  if (list.window !== undefined && window === undefined) {
    // No record field to follow: the window's bounds are asked for like any other value.
    for (const bound of [list.window.start, list.window.end]) {
      if (bound.required) params[bound.name] = values.use(runTimeName(bound.name), name, `required query "${bound.name}"`);
    }
  }
  const incremental = windowIncremental(list, name, values, notes);
  const endpoint: EndpointConfig = {
    path,
    data_selector: list.selector.selector,
    paginator: paging.paginator,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(incremental === undefined ? {} : { incremental }),
  };
  const hasId = objectProperties(document, list.selector.itemSchema).has("id");
  notes.push(`${name}: GET ${list.path}; records at "${list.selector.selector}" (${list.selector.reason}); paginator ${typeof paging.paginator === "string" ? paging.paginator : paging.paginator.type} (${paging.reason})`);
  return { name, endpoint, ...(hasId ? { primary_key: "id" } : {}) };
}

/** A header every resource sends with the same value (PagerDuty's `Accept`, Xero's tenant) is the client's, written once. */
function hoistSharedHeaders(resources: ResourceConfig[]): Record<string, string | { $config: string }> | undefined {
  const headersOf = (resource: ResourceConfig) => (typeof resource.endpoint === "object" ? resource.endpoint.headers : undefined);
  const first = resources[0] === undefined ? undefined : headersOf(resources[0]);
  if (first === undefined) return undefined;
  const shared: Record<string, string | { $config: string }> = {};
  for (const [header, value] of Object.entries(first)) {
    const same = (other: unknown) => JSON.stringify(other) === JSON.stringify(value);
    if ((typeof value === "string" || "$config" in value) && resources.every((resource) => same(headersOf(resource)?.[header]))) {
      shared[header] = value as string | { $config: string };
    }
  }
  if (Object.keys(shared).length === 0) return undefined;
  for (const resource of resources) {
    if (typeof resource.endpoint !== "object" || resource.endpoint.headers === undefined) continue;
    const rest = Object.fromEntries(Object.entries(resource.endpoint.headers).filter(([header]) => !(header in shared)));
    if (Object.keys(rest).length > 0) resource.endpoint.headers = rest;
    else delete resource.endpoint.headers;
  }
  return shared;
}

/** Validates and normalizes as `generate` will, so a config init returns is one the generator accepts. */
function accepted(config: RestApiConfig): ConfigError | undefined {
  try {
    normalize(validateConfig(config));
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/**
 * Writes a starting config for the API an OpenAPI document describes: one
 * resource per GET operation that returns a list, each with its data selector
 * and paginator; the client's base URL and auth (credentials as `$secret`s);
 * children linked to their parent list through path placeholders.
 */
export async function initConfig(openapiFile: string, options: InitOptions = {}): Promise<InitResult> {
  const document = await loadOpenApi(openapiFile);
  const info = isJsonObject(document["info"]) ? document["info"] : {};
  const name = connectorName(info["title"], openapiFile);
  const notes: string[] = [];
  const baseUrl = guessBaseUrl(document);
  notes.push(`base_url ${baseUrl.url}: ${baseUrl.reason}`);
  const auth = guessAuth(document, name);
  notes.push(auth.auth === undefined ? `no auth: ${auth.reason}` : `auth ${typeof auth.auth === "string" ? auth.auth : (auth.auth.type ?? "bearer")}: ${auth.reason}`);

  const { lists, skipped } = listOperations(document);
  const topLevel = lists.filter((list) => list.pathParams.length === 0);
  const nested = lists.filter((list) => list.pathParams.length > 0);
  const names = new Map(resourceNames([...topLevel, ...nested].map((list) => list.path)).map((resourceName, index) => [[...topLevel, ...nested][index]!, resourceName]));
  const parents = topLevel.map((list) => ({ name: names.get(list)!, path: list.path, itemSchema: list.selector.itemSchema }));
  const links = new Map<ListOperation, ParentLink>();
  nested.forEach((list) => {
    const link = guessParent(document, list.path, list.pathParams, parents);
    if (link !== undefined) links.set(list, link);
  });

  // A list scoped by placeholders no parent list fills reads them from run-time values, shared by name.
  const values = new RunTimeValues();
  const parentResources = [...topLevel, ...nested.filter((list) => !links.has(list))].map((list) => resource(list, names.get(list)!, list.path, document, notes, values));
  const childResources: ResourceConfig[] = [];
  nested.forEach((list) => {
    const link = links.get(list);
    if (link === undefined) return;
    const childName = names.get(list)!;
    childResources.push(resource(list, childName, link.path, document, notes, values));
    notes.push(`${childName}: a child of ${link.parent}, one request per ${link.parent} record with its "${link.field}"`);
  });
  notes.push(...values.notes());
  for (const { path, why } of skipped) notes.push(`left out GET ${path}: ${why}`);

  if (parentResources.length + childResources.length === 0) {
    throw ConfigError.at("openapi", `${openapiFile} has no GET operation that returns a list init could use${skipped.length > 0 ? ` (left out: ${skipped.map((entry) => entry.path).join(", ")})` : ""}`);
  }
  const configDir = options.configDir ?? process.cwd();
  const openapi = relative(resolve(configDir), resolve(openapiFile)).split(sep).join("/");
  const make = (chosen: ResourceConfig[]): RestApiConfig => {
    const resources = structuredClone(chosen);
    const headers = hoistSharedHeaders(resources);
    return {
      name,
      openapi: openapi.startsWith(".") ? openapi : `./${openapi}`,
      client: { base_url: baseUrl.url, ...(headers === undefined ? {} : { headers }), ...(auth.auth === undefined ? {} : { auth: auth.auth }) },
      resources,
    };
  };
  let config = make([...parentResources, ...childResources]);
  let problem = accepted(config);
  if (problem !== undefined && childResources.length > 0) {
    // This generator may not generate parent/child resources yet: keep the rest, and say what was dropped.
    config = make(parentResources);
    if (accepted(config) === undefined) {
      notes.push(`left out ${childResources.map((child) => child.name).join(", ")}: this generator refuses them (${problem.issues[0]?.message ?? problem.message})`);
      problem = undefined;
    }
  }
  if (problem !== undefined) throw problem;
  const kept = new Set(config.resources.map((entry) => (typeof entry === "string" ? entry : entry.name)));
  const dropped = childResources.filter((child) => !kept.has(child.name!)).map((child) => ({ path: String((child.endpoint as EndpointConfig).path), why: "a child this generator refuses" }));
  const coverage: InitCoverage = {
    getOperations: getOperations(document).length,
    lists: lists.length + skipped.length,
    resources: config.resources.length,
    leftOut: [...skipped, ...dropped],
  };
  return { config, notes, coverage };
}
