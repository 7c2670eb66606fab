/**
 * Placeholders (reference §2.2, §6, §7.1): the syntax Python's `str.format` accepts, and the names
 * dlt can fill — `{resources.<parent>.<field>}`, `{incremental.<value>}` when the endpoint is
 * incremental, and in the path `{<param>}` bound from a scalar or resolve param.
 */
import { quotedList } from "../describe.js";
import { didYouMean } from "../did-you-mean.js";
import type { FoundIssue } from "../paths.js";
import { parseFormatString, type Placeholder } from "./format-string.js";
import {
  defaultsEndpoint,
  effective,
  isRecord,
  isSet,
  resourceSites,
  type EndpointSite,
  type ResourceSite,
} from "./shapes.js";
import { endpointStrings, resourcePathString, type FoundString } from "./strings.js";

export const INCREMENTAL_VALUES = ["start_value", "initial_value", "last_value", "end_value"] as const;

interface Context {
  resourceNames: readonly string[];
  /** The resource the strings belong to; none for resource_defaults. */
  self: string | undefined;
  incremental: boolean;
  /** Params a path placeholder can bind; undefined where the path is never used (resource_defaults). */
  params: Record<string, unknown> | undefined;
}

const hasIncrementalParam = (params: unknown) =>
  isRecord(params) && Object.values(params).some((value) => isRecord(value) && value["type"] === "incremental");

function expressionIssue(placeholder: Placeholder, found: FoundString, context: Context): string | undefined {
  const shown = `{${placeholder.name}}`;
  const [head = "", ...rest] = placeholder.name.split(".");
  if (head === "resources") {
    const [resource, ...field] = rest;
    if (resource === undefined || field.length === 0 || field.join(".") === "") {
      return `placeholder ${shown} needs a resource and a field: {resources.<resource>.<field>}`;
    }
    if (resource === context.self)
      return `placeholder ${shown} refers to this resource itself; a resource cannot be its own parent`;
    if (!context.resourceNames.includes(resource)) {
      return `placeholder ${shown} refers to resource ${JSON.stringify(resource)}, which is not defined${didYouMean(resource, context.resourceNames)}`;
    }
    return undefined;
  }
  if (head === "incremental") {
    const value = rest.join(".");
    if (!(INCREMENTAL_VALUES as readonly string[]).includes(value)) {
      return `unknown incremental value ${JSON.stringify(value)} in ${shown}${didYouMean(value, INCREMENTAL_VALUES)}; expected one of ${quotedList(INCREMENTAL_VALUES)}`;
    }
    return context.incremental ? undefined : `placeholder ${shown} needs endpoint.incremental to be set`;
  }
  const valid = context.incremental
    ? "{resources.<resource>.<field>} or {incremental.start_value}"
    : "{resources.<resource>.<field>}";
  if (!found.inPath || rest.length > 0) return `placeholder ${shown} is not valid here; use ${valid}`;
  if (context.params === undefined) return undefined;
  if (!(head in context.params))
    return `placeholder ${shown} has no param named ${JSON.stringify(head)} to fill it; add it to endpoint.params or use ${valid}`;
  const bound = context.params[head];
  if (isRecord(bound) && bound["type"] !== "resolve" && !("$config" in bound))
    return `placeholder ${shown} can only be filled by a scalar, resolve or run-time ($config) param, not by param ${JSON.stringify(head)}`;
  return undefined;
}

function stringIssues(found: FoundString, context: Context): FoundIssue[] {
  const parsed = parseFormatString(found.text);
  if (parsed.error !== undefined) return [{ path: found.path, message: parsed.error }];
  return parsed.placeholders.flatMap((placeholder) => {
    const message = expressionIssue(placeholder, found, context);
    return message === undefined ? [] : [{ path: found.path, message }];
  });
}

function resourceContext(
  site: ResourceSite,
  defaults: EndpointSite | undefined,
  resourceNames: readonly string[],
): Context {
  const ownParams = site.endpoint?.endpoint["params"];
  const defaultParams = defaults?.endpoint["params"];
  const params = { ...(isRecord(defaultParams) ? defaultParams : {}), ...(isRecord(ownParams) ? ownParams : {}) };
  const incremental = isSet(effective(site, defaults, "incremental")?.value) || hasIncrementalParam(params);
  return { resourceNames, self: site.name, incremental, params };
}

/** Placeholder issues in every expanded string of every endpoint. */
export function checkPlaceholders(config: unknown): FoundIssue[] {
  const sites = resourceSites(config);
  const resourceNames = sites.flatMap((site) => (site.name === undefined ? [] : [site.name]));
  const defaults = defaultsEndpoint(config);
  const issues: FoundIssue[] = [];
  if (defaults !== undefined) {
    // resource_defaults may use {incremental.…} for the resources that set incremental themselves.
    const incremental =
      isSet(defaults.endpoint["incremental"]) ||
      hasIncrementalParam(defaults.endpoint["params"]) ||
      sites.some(
        (site) =>
          isSet(site.endpoint?.endpoint["incremental"]) || hasIncrementalParam(site.endpoint?.endpoint["params"]),
      );
    const context: Context = { resourceNames, self: undefined, incremental, params: undefined };
    for (const found of endpointStrings(defaults)) {
      // resource_defaults' path is always replaced by the resource's own (reference §1.2).
      if (!found.inPath) issues.push(...stringIssues(found, context));
    }
  }
  for (const site of sites) {
    const context = resourceContext(site, defaults, resourceNames);
    const strings = site.endpoint === undefined ? resourcePathString(site) : endpointStrings(site.endpoint);
    for (const found of strings) issues.push(...stringIssues(found, context));
  }
  return issues;
}
