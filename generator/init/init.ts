/**
 * `gen-connector init`: a starting config from an OpenAPI document alone, made
 * of the guesses in this folder, that validates, generates and type-checks as is.
 */
import { basename, dirname, relative, resolve, sep } from "node:path";
import type { EndpointConfig, ResourceConfig, RestApiConfig } from "../config/rest-api-config.js";
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
import { objectProperties } from "./spec.js";

export interface InitOptions {
  /** The folder the config will be written to: its `openapi` path is relative to it. Default: the working directory. */
  configDir?: string;
}

/** A starting config and, for the user to review, what was guessed and what was left out. */
export interface InitResult {
  config: RestApiConfig;
  notes: string[];
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

function resource(list: ListOperation, name: string, path: string, document: Parameters<typeof guessPaginator>[0], notes: string[]): ResourceConfig {
  const paging = guessPaginator(document, list.parameters, list.response);
  const params = { ...list.requiredParams, ...paging.params };
  const endpoint: EndpointConfig = {
    path,
    data_selector: list.selector.selector,
    paginator: paging.paginator,
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
  const hasId = objectProperties(document, list.selector.itemSchema).has("id");
  notes.push(`${name}: GET ${list.path}; records at "${list.selector.selector}" (${list.selector.reason}); paginator ${typeof paging.paginator === "string" ? paging.paginator : paging.paginator.type} (${paging.reason})`);
  return { name, endpoint, ...(hasId ? { primary_key: "id" } : {}) };
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
  const nested = lists.filter((list) => list.pathParams.length === 1);
  const names = resourceNames([...topLevel, ...nested].map((list) => list.path));
  const parents = topLevel.map((list, index) => ({ name: names[index]!, path: list.path, itemSchema: list.selector.itemSchema }));
  const links = new Map<ListOperation, ParentLink>();
  nested.forEach((list) => {
    const link = guessParent(document, list.path, list.pathParams, parents);
    if (link !== undefined) links.set(list, link);
  });
  for (const list of lists) {
    if (list.pathParams.length > 0 && !links.has(list)) skipped.push({ path: list.path, why: `no parent list's records carry {${list.pathParams.join("}, {")}}` });
  }

  const parentResources = topLevel.map((list, index) => resource(list, names[index]!, list.path, document, notes));
  const childResources: ResourceConfig[] = [];
  nested.forEach((list, index) => {
    const link = links.get(list);
    if (link === undefined) return;
    childResources.push(resource(list, names[topLevel.length + index]!, link.path, document, notes));
    notes.push(`${names[topLevel.length + index]!}: a child of ${link.parent}, one request per ${link.parent} record with its "${link.field}"`);
  });
  for (const { path, why } of skipped) notes.push(`left out GET ${path}: ${why}`);

  if (parentResources.length + childResources.length === 0) {
    throw ConfigError.at("openapi", `${openapiFile} has no GET operation that returns a list init could use${skipped.length > 0 ? ` (left out: ${skipped.map((entry) => entry.path).join(", ")})` : ""}`);
  }
  const configDir = options.configDir ?? process.cwd();
  const openapi = relative(resolve(configDir), resolve(openapiFile)).split(sep).join("/");
  const make = (resources: ResourceConfig[]): RestApiConfig => ({
    name,
    openapi: openapi.startsWith(".") ? openapi : `./${openapi}`,
    client: { base_url: baseUrl.url, ...(auth.auth === undefined ? {} : { auth: auth.auth }) },
    resources,
  });
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
  return { config, notes };
}
