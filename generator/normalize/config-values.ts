import type { ConfigIssue } from "../errors.js";
import { ConfigValue, SecretValue, type Value } from "../model.js";

/** dlt's Python spelling of a config value, kept as a string by configs ported from Python. */
const DLT_CONFIG = /^\s*dlt\.config\[\s*(?:"([^"]+)"|'([^']+)')\s*\]\s*$/;

/** dlt's injected-argument spelling: the value is named after the key it stands under, as dlt names it after the argument. */
const DLT_CONFIG_VALUE = /^\s*dlt\.config\.value\s*$/;

/** The run-time value name a key gives `dlt.config.value` (`Xero-Tenant-Id` → `xero_tenant_id`). */
export function configNameFor(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "value";
}

/**
 * The run-time value a config value stands for: `{ "$config": name, "default"?: value }`,
 * `dlt.config["name"]`, or `dlt.config.value` under `key`; undefined for any other value.
 */
export function configReference(value: unknown, key: string | undefined): ConfigValue | undefined {
  if (typeof value === "string") {
    const match = DLT_CONFIG.exec(value);
    const name = match?.[1] ?? match?.[2];
    if (name !== undefined) return new ConfigValue(name);
    return key !== undefined && DLT_CONFIG_VALUE.test(value) ? new ConfigValue(configNameFor(key)) : undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const name = record["$config"];
  const fallback = record["default"];
  const keys = Object.keys(record).filter((entry) => entry !== "$config" && entry !== "default");
  if (typeof name !== "string" || keys.length > 0) return undefined;
  if (fallback !== undefined && typeof fallback !== "string" && typeof fallback !== "number" && typeof fallback !== "boolean") return undefined;
  return new ConfigValue(name, fallback);
}

/** Every run-time value used anywhere in `value`, by name. */
export function collectConfigValues(value: Value, into: ConfigValue[]): void {
  if (value instanceof ConfigValue) into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectConfigValues(item, into);
  else if (typeof value === "object" && value !== null && !(value instanceof SecretValue)) {
    for (const child of Object.values(value)) collectConfigValues(child, into);
  }
}

/**
 * One run-time value per name, sorted. A name used with two different defaults, or
 * also used as a secret (both would read the same environment variable), is an issue.
 */
export function uniqueConfigValues(found: readonly ConfigValue[], secrets: ReadonlySet<string>, issues: ConfigIssue[]): ConfigValue[] {
  const byName = new Map<string, ConfigValue>();
  for (const value of found) {
    const seen = byName.get(value.name);
    if (seen === undefined || seen.defaultValue === undefined) byName.set(value.name, value);
    else if (value.defaultValue !== undefined && value.defaultValue !== seen.defaultValue) {
      issues.push({
        path: "$config",
        message: `run-time value "${value.name}" has two defaults (${JSON.stringify(seen.defaultValue)} and ${JSON.stringify(value.defaultValue)}); give it one`,
      });
    }
  }
  for (const name of byName.keys()) {
    if (secrets.has(name)) issues.push({ path: "$config", message: `"${name}" is both a secret and a run-time value; name them apart` });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
