import { SecretValue, type Value } from "../model.js";
import { configReference } from "./config-values.js";

/** dlt's Python spelling of a secret, kept as a string by configs ported from Python. */
const DLT_SECRET = /^\s*dlt\.secrets\[\s*(?:"([^"]+)"|'([^']+)')\s*\]\s*$/;

/** The secret a config value stands for: `{ "$secret": name }` or `dlt.secrets["name"]`; undefined for any other value. */
export function secretReference(value: unknown): SecretValue | undefined {
  if (typeof value === "string") {
    const match = DLT_SECRET.exec(value);
    const name = match?.[1] ?? match?.[2];
    return name === undefined ? undefined : new SecretValue(name);
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const name = (value as Record<string, unknown>)["$secret"];
    if (keys.length === 1 && typeof name === "string") return new SecretValue(name);
  }
  return undefined;
}

/**
 * Converts a JSON config value into a model value, turning every secret reference into a
 * `SecretValue` and every run-time value reference into a `ConfigValue`. `key` is the key
 * the value stands under (it names a `dlt.config.value`).
 */
export function toValue(value: unknown, key?: string): Value {
  const secret = secretReference(value);
  if (secret) return secret;
  const config = configReference(value, key);
  if (config) return config;
  if (Array.isArray(value)) return value.map((item) => toValue(item, key));
  if (typeof value === "object" && value !== null) {
    const result: { [key: string]: Value } = {};
    // defineProperty: a plain assignment to "__proto__" would set the prototype instead of a key.
    for (const [childKey, child] of Object.entries(value)) {
      Object.defineProperty(result, childKey, { value: toValue(child, childKey), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) return value;
  return null;
}

/** Every secret name used anywhere in `value`. */
export function collectSecrets(value: Value, into: Set<string>): void {
  if (value instanceof SecretValue) into.add(value.name);
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, into);
  else if (typeof value === "object" && value !== null) for (const child of Object.values(value)) collectSecrets(child, into);
}
