/** `endpoint` (reference §2.2): one HTTP endpoint, its body, pagination, selection and auth. */
import { Type } from "@sinclair/typebox";
import { auth } from "./schema-auth.js";
import { definition, freeObject, jsonPath, recordOf, strictObject, stringEnum } from "./schema-helpers.js";
import { IncrementalSchema } from "./schema-incremental.js";
import { paginator } from "./schema-paginator.js";
import { ParamsSchema } from "./schema-params.js";
import { secretString } from "./schema-secret.js";

export const ResponseActionSchema = definition(
  "ResponseAction",
  strictObject(
    {
      status_code: Type.Optional(
        Type.Integer({
          minimum: 100,
          maximum: 599,
          title: "Status code",
          description: "HTTP status the response must have.",
        }),
      ),
      content: Type.Optional(
        Type.String({ title: "Body contains", description: "Text the response body must contain." }),
      ),
      action: stringEnum(["ignore"], {
        title: "Action",
        description: '"ignore": drop the matching response and stop paginating this request.',
      }),
    },
    {
      title: "Response action",
      description: "What to do with responses matching status_code and/or content (both must match when both are set).",
    },
  ),
);

/** Endpoint headers may use placeholders; client headers may not (reference §2.1). */
export const headers = (description: string) =>
  recordOf(secretString({ title: "Header value", description: "The header's value, or a secret." }), {
    title: "Headers",
    description,
  });

export const EndpointSchema = definition(
  "Endpoint",
  strictObject(
    {
      path: Type.Optional(
        Type.String({
          title: "Path",
          description:
            "Path relative to client.base_url, or an absolute http(s) URL. Default: the resource name. May contain {resources.<parent>.<field>} placeholders.",
        }),
      ),
      method: Type.Optional(
        stringEnum(["GET", "POST"], { title: "HTTP method", description: 'The request method. Default: "GET".' }),
      ),
      params: Type.Optional(ParamsSchema),
      json: Type.Optional(
        freeObject({
          title: "JSON body",
          description: "JSON request body; merged key by key with resource_defaults. Not together with data.",
        }),
      ),
      data: Type.Optional(
        Type.Union(
          [
            freeObject({ title: "Form fields", description: "Sent form-encoded." }),
            Type.String({ title: "Raw body", description: "Sent as is." }),
          ],
          { title: "Form or raw body", description: "Form fields or a raw request body. Not together with json." },
        ),
      ),
      headers: Type.Optional(
        headers("Headers for this endpoint, added to client.headers (these win); may contain placeholders."),
      ),
      paginator: Type.Optional(paginator("Pagination for this endpoint; overrides client.paginator.")),
      data_selector: Type.Optional(
        jsonPath({
          title: "Data selector",
          description:
            'JSONPath to the records in each response (e.g. "data.items", "$" for the whole body). Default: detected.',
        }),
      ),
      response_actions: Type.Optional(
        Type.Array(ResponseActionSchema, {
          title: "Response actions",
          description: "Rules applied in order to every response, e.g. ignore 404s.",
        }),
      ),
      incremental: Type.Optional(IncrementalSchema),
      auth: Type.Optional(auth("Auth for this endpoint; replaces client.auth entirely.")),
    },
    { title: "Endpoint", description: "The HTTP endpoint a resource reads." },
  ),
);

/** `endpoint` as written on a resource: a path, or the full object. */
export const EndpointOrPathSchema = Type.Union(
  [Type.String({ title: "Endpoint path", description: "Shorthand for { path: <string> }." }), EndpointSchema],
  { title: "Endpoint", description: "The endpoint to read: a path, or an endpoint object." },
);
