/**
 * Guess: values init cannot know but the user can (`{owner}`, `{AccountSid}`, a
 * `Xero-Tenant-Id` header, where an incremental window starts) become run-time values,
 * `{ "$config": name }`, one per name however many resources use it, each with a note
 * saying where it is used and how to give it.
 */
import type { ConfigRef } from "../config/rest-api-config.js";
import { environmentVariableFor } from "../../templates/runtime/secrets.js";

/** A parameter name as a run-time value name: snake case, an identifier (`AccountSid` → `account_sid`, `Xero-Tenant-Id` → `xero_tenant_id`). */
export function runTimeName(parameter: string): string {
  const snake = parameter
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return /^[a-z_]/.test(snake) ? snake : `_${snake}`;
}

/** A query parameter whose name says it is what the user searches for: it has no value to configure once. */
export function isSearchTerm(name: string): boolean {
  return /^(q|query|term|terms|keyword|keywords|text|search|search_?term|search_?query)$/i.test(name) || /search/i.test(name);
}

/** The run-time values of one init run, with where each is used. */
export class RunTimeValues {
  private readonly uses = new Map<string, { why: string; where: string[] }>();

  /** A reference to the value `name`, recording that `where` uses it and `why`. */
  use(name: string, where: string, why: string): ConfigRef {
    const entry = this.uses.get(name) ?? { why, where: [] };
    if (!entry.where.includes(where)) entry.where.push(where);
    this.uses.set(name, entry);
    return { $config: name };
  }

  /** One note per value: what it is, where it is used, how to give it. */
  notes(): string[] {
    return [...this.uses.entries()].map(([name, { why, where }]) => {
      const shown = where.length > 3 ? `${where.slice(0, 3).join(", ")} and ${where.length - 3} more` : where.join(", ");
      return `run-time value "${name}" (${why}; used by ${shown}): pass createSource({ config: { ${name}: ... } }) or set ${environmentVariableFor(name)}`;
    });
  }
}
