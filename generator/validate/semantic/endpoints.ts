/** Endpoint settings that contradict each other (reference §2.2, §8). */
import type { FoundIssue } from "../paths.js";
import { defaultsEndpoint, effective, endpointSites, isRecord, isSet, resourceSites } from "./shapes.js";

/** dlt refuses both bodies once resource_defaults are merged in, so the merged endpoint is checked. */
function bodyIssues(config: unknown): FoundIssue[] {
  const issues: FoundIssue[] = [];
  const defaults = defaultsEndpoint(config);
  if (defaults !== undefined && isSet(defaults.endpoint["json"]) && isSet(defaults.endpoint["data"])) {
    issues.push({
      path: [...defaults.path, "data"],
      message: "json and data cannot both be set: send a JSON body or a form body, not both",
    });
  }
  for (const site of resourceSites(config)) {
    const json = effective(site, defaults, "json");
    const data = effective(site, defaults, "data");
    if (json === undefined || data === undefined || !isSet(json.value) || !isSet(data.value)) continue;
    const ownData = site.endpoint !== undefined && "data" in site.endpoint.endpoint;
    const ownJson = site.endpoint !== undefined && "json" in site.endpoint.endpoint;
    if (!ownData && !ownJson) continue; // both from resource_defaults: reported there
    const inherited =
      ownData && ownJson
        ? ""
        : ownData
          ? " (json comes from resource_defaults)"
          : " (data comes from resource_defaults)";
    issues.push({
      path: ownData ? data.path : json.path,
      message: `json and data cannot both be set${inherited}: send a JSON body or a form body, not both`,
    });
  }
  return issues;
}

/** dlt only applies an action whose condition can match; one with neither condition is dead config. */
function responseActionIssues(config: unknown): FoundIssue[] {
  const issues: FoundIssue[] = [];
  for (const site of endpointSites(config)) {
    const actions = site.endpoint["response_actions"];
    if (!Array.isArray(actions)) continue;
    actions.forEach((action: unknown, index) => {
      if (isRecord(action) && action["status_code"] === undefined && action["content"] === undefined) {
        issues.push({
          path: [...site.path, "response_actions", index],
          message: "this response action matches no response: set status_code, content, or both",
        });
      }
    });
  }
  return issues;
}

export function checkEndpoints(config: unknown): FoundIssue[] {
  return [...bodyIssues(config), ...responseActionIssues(config)];
}
