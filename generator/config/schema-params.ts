/** `endpoint.params` (reference §2.2, §6.1, §7.1): query parameters, parent bindings, cursors. */
import { Type } from "@sinclair/typebox";
import { anyValue, definition, jsonPath, recordOf, strictObject, stringEnum, text } from "./schema-helpers.js";
import { ConfigRefSchema } from "./schema-config-value.js";
import { SecretRefSchema } from "./schema-secret.js";

const ResolveParam = strictObject(
  {
    type: stringEnum(["resolve"], { title: "Param type", description: "Binds the param to a parent resource field." }),
    resource: text({ title: "Parent resource", description: "Name of the parent resource." }),
    field: jsonPath({ title: "Parent field", description: "JSONPath to the field in each parent record." }),
  },
  {
    title: "Resolved param (legacy)",
    description:
      "Fills the path placeholder of the same name from each parent record. Prefer {resources.<parent>.<field>}.",
  },
);

const IncrementalParam = strictObject(
  {
    type: stringEnum(["incremental"], { title: "Param type", description: "Sends the incremental cursor." }),
    cursor_path: jsonPath({ title: "Cursor path", description: "JSONPath to the cursor field in each record." }),
    initial_value: Type.Optional(
      anyValue({ title: "Initial value", description: "Cursor value to send on the first run." }),
    ),
  },
  {
    title: "Incremental param (deprecated)",
    description:
      "Sends the last cursor value as this param. Prefer endpoint.incremental with {incremental.start_value}.",
  },
);

export const ParamValueSchema = definition(
  "ParamValue",
  Type.Union(
    [
      Type.String({
        title: "Text",
        description: "Sent as is; may contain {resources.<parent>.<field>} or {incremental.start_value} placeholders.",
      }),
      Type.Number({ title: "Number", description: "Sent as its decimal form." }),
      Type.Boolean({ title: "Boolean", description: "Sent as its text form." }),
      Type.Null({ title: "Omitted", description: "The param is not sent (useful to drop a default)." }),
      SecretRefSchema,
      ConfigRefSchema,
      Type.Array(
        Type.Union([
          Type.String({ title: "Text", description: "One value of the repeated param." }),
          Type.Number({ title: "Number", description: "One value of the repeated param." }),
          Type.Boolean({ title: "Boolean", description: "One value of the repeated param." }),
        ]),
        { title: "List", description: "Sent as a repeated param: k=v1&k=v2." },
      ),
      ResolveParam,
      IncrementalParam,
    ],
    { title: "Param", description: "A query parameter value, a secret, a run-time value, or a binding." },
  ),
);

export const ParamsSchema = recordOf(ParamValueSchema, {
  title: "Query parameters",
  description: "Query parameters sent with every request of the endpoint; merged key by key with resource_defaults.",
});
