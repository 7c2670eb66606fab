/**
 * The config language's TypeScript types: dlt's `rest_api` config (reference §11) plus gen-connector's
 * own top-level keys (`name`, `openapi`, `$schema`) and `{ "$secret": name }` values. Derived from
 * the schema in `schema.ts`, so the types and the validator cannot drift apart.
 */
import type { Static } from "@sinclair/typebox";
import type {
  AuthSchema,
  ClientSchema,
  ConfigRefSchema,
  EndpointSchema,
  IncrementalSchema,
  OutputSchema,
  PaginatorSchema,
  PaginatorTypeSchema,
  ParamValueSchema,
  ResourceBaseSchema,
  ResourceSchema,
  ResponseActionSchema,
  RestApiConfigSchema,
  SecretRefSchema,
  SecretStringSchema,
  WriteDispositionSchema,
} from "./schema.js";

/** A value read at run time from `createSource({ secrets })` or the environment, never written into code. */
export type SecretRef = Static<typeof SecretRefSchema>;

/** A value read at run time from `createSource({ config })`, the environment, or its default; not redacted. */
export type ConfigRef = Static<typeof ConfigRefSchema>;

/** A string, or a secret in its place (dlt's `dlt.secrets["name"]` string form is a plain string here). */
export type SecretString = Static<typeof SecretStringSchema>;

/** A JSONPath expression (`data.items`, `$.next`, `['@odata.nextLink']`). */
export type JsonPath = string;

/** A paginator written as its bare type name. */
export type PaginatorType = Static<typeof PaginatorTypeSchema>;

/** `paginator` on the client or an endpoint (reference §3). */
export type PaginatorConfig = Static<typeof PaginatorSchema>;

/** `auth` on the client or an endpoint (reference §4). */
export type AuthConfig = Static<typeof AuthSchema>;

/** One value of `endpoint.params`: a scalar, a list, a secret, or a resolve/incremental binding. */
export type ParamValue = Static<typeof ParamValueSchema>;

/** `endpoint.incremental` (reference §7). */
export type IncrementalConfig = Static<typeof IncrementalSchema>;

/** One entry of `endpoint.response_actions` (reference §8). */
export type ResponseActionConfig = Static<typeof ResponseActionSchema>;

/** `endpoint` as an object (reference §2.2). */
export type EndpointConfig = Static<typeof EndpointSchema>;

/** `write_disposition` of a resource. */
export type WriteDispositionConfig = Static<typeof WriteDispositionSchema>;

/** The keys `resource_defaults` and every resource object share. */
export type ResourceBaseConfig = Static<typeof ResourceBaseSchema>;

/** A resource written as an object. */
export type ResourceConfig = Static<typeof ResourceSchema>;

/** `client`: HTTP settings shared by every resource. */
export type ClientConfig = Static<typeof ClientSchema>;

/** A whole config file. */
export type RestApiConfig = Static<typeof RestApiConfigSchema>;

/** gen-connector's `output`: the import extension and the emitted language. */
export type OutputConfig = Static<typeof OutputSchema>;
