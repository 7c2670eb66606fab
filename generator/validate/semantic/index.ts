/** Checks the schema cannot express: they relate several keys, or the config's strings to its names. */
import type { FoundIssue } from "../paths.js";
import { checkEndpoints } from "./endpoints.js";
import { checkPaginators } from "./paginators.js";
import { checkPlaceholders } from "./placeholders.js";
import { checkReferences } from "./references.js";

/** Every semantic issue of a config, whatever shape it is in. */
export function semanticIssues(config: unknown): FoundIssue[] {
  return [
    ...checkReferences(config),
    ...checkPaginators(config),
    ...checkEndpoints(config),
    ...checkPlaceholders(config),
  ];
}
