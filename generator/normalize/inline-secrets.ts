import { environmentVariableFor } from "../../templates/runtime/secrets.js";
import { ConfigValue, SecretValue, type ComponentModel, type Value } from "../model.js";

/** Auth fields whose value is a credential: written inline in a config, it would end up in committed code. */
const CREDENTIAL_FIELDS = new Set(["token", "api_key", "password", "client_secret"]);

/**
 * Replaces credentials written inline in an auth config by secrets of the same
 * name, read at run time like any other, and says so. The inline value is
 * dropped here, so it can reach neither the generated files nor a message.
 */
export function withoutInlineCredentials(auth: ComponentModel, where: string, warnings: Set<string>): ComponentModel {
  const options = { ...auth.options };
  for (const [field, value] of Object.entries(options)) {
    if (!CREDENTIAL_FIELDS.has(field) || typeof value !== "string") continue;
    options[field] = new SecretValue(field);
    warnings.add(
      `${where}.${field}: a credential is written inline in the config; it is not written into the connector. ` +
        `Write { "$secret": "${field}" } and pass it as createSource({ secrets: { ${field} } }) or set ${environmentVariableFor(field)}.`,
    );
  }
  return { ...auth, options };
}

/** Header, param and body field names that carry credentials: `Authorization`, `X-Api-Key`, `access_token`, `Cookie`, … */
const CREDENTIAL_NAME = /^(?:authorization|proxy-authorization|cookie|key|x-key|pwd)$|token|secret|passw|api[-_]?key|credential|signature/i;

/** The secret a literal under `key` becomes: the name in snake case (`X-Api-Key` → `x_api_key`). */
function secretNameFor(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "secret";
}

/**
 * The same for headers, query params and JSON bodies: a literal string under a
 * credential-looking name becomes a secret of that name, with a warning. A value
 * with a placeholder is filled at run time from parent records or state, so it stays.
 */
export function withoutInlineCredentialValues<V extends { [key: string]: Value }>(values: V, where: string, warnings: Set<string>): V {
  const result = {} as { [key: string]: Value };
  for (const [key, value] of Object.entries(values)) {
    let kept = value;
    if (typeof value === "string" && value !== "" && !value.includes("{") && CREDENTIAL_NAME.test(key)) {
      const name = secretNameFor(key);
      kept = new SecretValue(name);
      warnings.add(
        `${where}.${key}: a credential is written inline in the config; it is not written into the connector. ` +
          `Write { "$secret": "${name}" } and pass it as createSource({ secrets: { ${name} } }) or set ${environmentVariableFor(name)}.`,
      );
    } else if (typeof value === "object" && value !== null && !(value instanceof SecretValue) && !(value instanceof ConfigValue) && !Array.isArray(value)) {
      kept = withoutInlineCredentialValues(value, `${where}.${key}`, warnings);
    }
    Object.defineProperty(result, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return result as V;
}
