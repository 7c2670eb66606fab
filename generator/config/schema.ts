/**
 * The config language, defined once: the TypeScript types (`rest-api-config.ts`) are `Static<>` of
 * these schemas, and `config.schema.json` is their serialization (`npm run schema`).
 */
import { Type } from "@sinclair/typebox";
import { auth } from "./schema-auth.js";
import { ConfigRefSchema } from "./schema-config-value.js";
import { headers } from "./schema-endpoint.js";
import { strictObject, text } from "./schema-helpers.js";
import { OutputSchema } from "./schema-output.js";
import { paginator } from "./schema-paginator.js";
import { ResourceBaseSchema, ResourceEntrySchema } from "./schema-resource.js";

export { AuthSchema, AUTH_TYPES } from "./schema-auth.js";
export { EndpointSchema, ResponseActionSchema } from "./schema-endpoint.js";
export { IncrementalSchema } from "./schema-incremental.js";
export { OutputSchema } from "./schema-output.js";
export { PaginatorSchema, PaginatorTypeSchema, PAGINATOR_TYPES } from "./schema-paginator.js";
export { ParamValueSchema } from "./schema-params.js";
export { ResourceBaseSchema, ResourceSchema, WriteDispositionSchema } from "./schema-resource.js";
export { SecretRefSchema, SecretStringSchema, SECRET_NAME_PATTERN } from "./schema-secret.js";
export { ConfigRefSchema } from "./schema-config-value.js";

export const ClientSchema = strictObject(
  {
    base_url: Type.Union(
      [
        Type.String({
          title: "Base URL",
          description: "URL every endpoint path is appended to, e.g. https://api.example.com/v1.",
        }),
        ConfigRefSchema,
      ],
      { title: "Base URL", description: 'The URL every endpoint path is appended to, or { "$config": "name" } to supply it at run time.' },
    ),
    headers: Type.Optional(headers("Headers sent with every request (no placeholders here).")),
    auth: Type.Optional(auth("Auth for every resource, unless its endpoint sets its own.")),
    paginator: Type.Optional(paginator("Default paginator for every endpoint that sets none.")),
  },
  { title: "Client", description: "HTTP settings shared by all resources." },
);

export const RestApiConfigSchema = strictObject(
  {
    $schema: Type.Optional(
      Type.String({
        title: "JSON Schema",
        description: "This schema's location, for editor completion and hover help.",
      }),
    ),
    name: Type.Optional(
      text({
        title: "Connector name",
        description: "gen-connector: the generated connector's name. Default: the config file's folder name.",
      }),
    ),
    openapi: Type.Optional(
      text({
        title: "OpenAPI document",
        description: "gen-connector: path (relative to this file) of an OpenAPI document to derive record types from.",
      }),
    ),
    output: Type.Optional(OutputSchema),
    client: ClientSchema,
    resource_defaults: Type.Optional(ResourceBaseSchema),
    resources: Type.Array(ResourceEntrySchema, {
      minItems: 1,
      title: "Resources",
      description: "The resources to extract, each a name or a resource object.",
    }),
  },
  {
    title: "gen-connector REST API config",
    description:
      "A dlt rest_api source config, plus gen-connector's name, openapi and $secret values, from which a typed TypeScript connector is generated.",
  },
);
