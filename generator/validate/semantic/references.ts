/**
 * The resource graph (reference §1.2, §1.4, §6.1): unique names, parents that exist, one parent per
 * child, no cycles, and parent-only settings only on children.
 */
import { didYouMean } from "../did-you-mean.js";
import { formatPath, type FoundIssue, type PathSegments } from "../paths.js";
import { parseFormatString } from "./format-string.js";
import { defaultsEndpoint, isRecord, resourceSites, type EndpointSite, type ResourceSite } from "./shapes.js";
import { walk } from "./strings.js";

interface ResolveParam {
  param: string;
  resource: unknown;
  /** Where the param is written: the resource's own params or resource_defaults'. */
  path: PathSegments;
  own: boolean;
}

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

function resolveParams(site: ResourceSite, defaults: EndpointSite | undefined): ResolveParam[] {
  const own = record(site.endpoint?.endpoint["params"]);
  const inherited = record(defaults?.endpoint["params"]);
  const merged = { ...inherited, ...own };
  return Object.entries(merged).flatMap(([param, value]) => {
    if (!isRecord(value) || value["type"] !== "resolve") return [];
    const isOwn = param in own;
    const base = isOwn ? [...(site.endpoint?.path ?? []), "params"] : [...(defaults?.path ?? []), "params"];
    return [{ param, resource: value["resource"], path: [...base, param], own: isOwn }];
  });
}

/** Parents named by `{resources.<parent>.…}` in what the resource ends up with after merging defaults. */
function placeholderParents(site: ResourceSite, defaults: EndpointSite | undefined): string[] {
  const own = site.endpoint?.endpoint ?? {};
  const inherited = defaults?.endpoint ?? {};
  const values: unknown[] = [
    site.requestPath?.value,
    { ...record(inherited["params"]), ...record(own["params"]) },
    { ...record(inherited["json"]), ...record(own["json"]) },
    "data" in own ? own["data"] : inherited["data"],
    "headers" in own ? own["headers"] : inherited["headers"],
  ];
  const parents: string[] = [];
  for (const value of values) {
    for (const found of walk(value, [])) {
      for (const placeholder of parseFormatString(found.text).placeholders) {
        const [head, parent] = placeholder.name.split(".");
        if (head === "resources" && parent !== undefined) parents.push(parent);
      }
    }
  }
  return parents;
}

function duplicateIssues(sites: readonly ResourceSite[]): FoundIssue[] {
  const first = new Map<string, ResourceSite>();
  const issues: FoundIssue[] = [];
  for (const site of sites) {
    if (site.name === undefined) continue;
    const earlier = first.get(site.name);
    if (earlier === undefined) first.set(site.name, site);
    else {
      issues.push({
        path: site.entry === undefined ? site.path : [...site.path, "name"],
        message: `resource ${JSON.stringify(site.name)} is already defined at ${formatPath(earlier.path)}`,
      });
    }
  }
  return issues;
}

/** Follows parent links from `start`; returns the cycle through it, if any. */
function cycleFrom(start: string, parents: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const search = (name: string, trail: string[]): string[] | undefined => {
    for (const parent of parents.get(name) ?? []) {
      if (parent === start) return [...trail, parent];
      if (trail.includes(parent)) continue;
      const found = search(parent, [...trail, parent]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(start, [start]);
}

export function checkReferences(config: unknown): FoundIssue[] {
  const sites = resourceSites(config);
  const defaults = defaultsEndpoint(config);
  const names = sites.flatMap((site) => (site.name === undefined ? [] : [site.name]));
  const issues = duplicateIssues(sites);
  const parents = new Map<string, string[]>();
  const reportedDefaults = new Set<string>();

  for (const site of sites) {
    const resolves = resolveParams(site, defaults);
    for (const resolve of resolves) {
      if (resolve.resource === site.name && resolve.own) {
        issues.push({
          path: [...resolve.path, "resource"],
          message: "resolve param refers to this resource itself; a resource cannot be its own parent",
        });
      } else if (typeof resolve.resource === "string" && !names.includes(resolve.resource)) {
        const key = formatPath(resolve.path);
        if (resolve.own || !reportedDefaults.has(key)) {
          reportedDefaults.add(key);
          issues.push({
            path: [...resolve.path, "resource"],
            message: `resolve param refers to resource ${JSON.stringify(resolve.resource)}, which is not defined${didYouMean(resolve.resource, names)}`,
          });
        }
      }
      const path = site.requestPath;
      if (path !== undefined && !parseFormatString(path.value).placeholders.some((p) => p.name === resolve.param)) {
        issues.push({
          path: resolve.own ? resolve.path : site.path,
          message: `resolve param ${JSON.stringify(resolve.param)} is not used in the path; add {${resolve.param}} to endpoint.path, or use {resources.<parent>.<field>} in the param instead`,
        });
      }
    }
    const named = [
      ...placeholderParents(site, defaults),
      ...resolves.flatMap((r) => (typeof r.resource === "string" ? [r.resource] : [])),
    ];
    const known = [...new Set(named.filter((name) => names.includes(name) && name !== site.name))];
    if (site.name !== undefined) parents.set(site.name, known);
    if (known.length > 1) {
      issues.push({
        path: site.endpoint?.path ?? site.path,
        message: `resource ${JSON.stringify(site.name ?? "")} depends on several parents (${known.map((n) => JSON.stringify(n)).join(", ")}); a resource can have only one parent`,
      });
    }
    const include = site.entry?.["include_from_parent"];
    if (known.length === 0 && Array.isArray(include) && include.length > 0) {
      issues.push({
        path: [...site.path, "include_from_parent"],
        message:
          "include_from_parent needs a parent resource, but this resource has no {resources.<parent>.<field>} placeholder or resolve param",
      });
    }
  }

  const inCycle = new Set<string>();
  for (const site of sites) {
    if (site.name === undefined || inCycle.has(site.name)) continue;
    const cycle = cycleFrom(site.name, parents);
    if (cycle === undefined) continue;
    for (const name of cycle) inCycle.add(name);
    issues.push({
      path: site.path,
      message: `resources depend on each other in a cycle: ${cycle.map((n) => JSON.stringify(n)).join(" → ")}`,
    });
  }
  return issues;
}
