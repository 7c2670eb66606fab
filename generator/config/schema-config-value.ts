/**
 * Run-time values (gen-connector's convention; dlt reads them from its config providers):
 * `{ "$config": "owner" }` stands where a value that differs per user or per run would be
 * written, and the generated connector reads it from `createSource({ config })`, the
 * environment, or the default given here. Unlike a secret it is not redacted.
 */
import { Type } from "@sinclair/typebox";
import { definition, strictObject, VALUE_NAME_PATTERN } from "./schema-helpers.js";

export const ConfigRefSchema = definition(
  "ConfigRef",
  strictObject(
    {
      $config: Type.String({
        pattern: VALUE_NAME_PATTERN,
        title: "Run-time value name",
        description:
          "Name of the value, read at run time from createSource({ config }), else the environment variable of its upper-case name, else default. Letters, digits and underscores, not starting with a digit.",
      }),
      default: Type.Optional(
        Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
          title: "Default",
          description: "Used when the value is given neither in createSource({ config }) nor in the environment.",
        }),
      ),
    },
    {
      title: "Run-time value",
      description:
        'A value supplied when the connector runs, e.g. { "$config": "owner" }; dlt\'s "dlt.config[\\"owner\\"]" spelling means the same.',
    },
  ),
);
