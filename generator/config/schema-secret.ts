/**
 * Secrets (gen-connector's convention, not dlt's): `{ "$secret": "github_token" }` stands where a
 * credential would be written, and the generated connector reads it at run time.
 */
import { Type } from "@sinclair/typebox";
import { ConfigRefSchema } from "./schema-config-value.js";
import { definition, described, strictObject, VALUE_NAME_PATTERN, type Doc } from "./schema-helpers.js";

/** The names a `$secret` may take: they become option keys and environment variable suffixes. */
export const SECRET_NAME_PATTERN = VALUE_NAME_PATTERN;

export const SecretRefSchema = definition(
  "SecretRef",
  strictObject(
    {
      $secret: Type.String({
        pattern: SECRET_NAME_PATTERN,
        title: "Secret name",
        description:
          "Name of the secret, read at run time from createSource({ secrets }) or the environment; never written into generated code. Letters, digits and underscores, not starting with a digit.",
      }),
    },
    {
      title: "Secret reference",
      description:
        'A value supplied at run time instead of being written in the config, e.g. { "$secret": "api_token" }.',
    },
  ),
);

const SecretStringSchema = definition(
  "SecretString",
  Type.Union(
    [
      Type.String({
        title: "Literal value",
        description: 'The value itself, or dlt\'s dlt.secrets["name"] form (kept as a plain string here).',
      }),
      SecretRefSchema,
      ConfigRefSchema,
    ],
    {
      title: "String, secret or run-time value",
      description: 'A string, { "$secret": "name" } to supply it at run time, or { "$config": "name" } for a value that is not secret.',
    },
  ),
);

/** A string or a `$secret` reference, documented for the key it is used under. */
export function secretString(doc: Doc): typeof SecretStringSchema {
  return described(SecretStringSchema, doc);
}

export { SecretStringSchema };
