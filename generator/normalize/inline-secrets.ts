import { environmentVariableFor } from "../../templates/runtime/secrets.js";
import { SecretValue, type ComponentModel } from "../model.js";

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
