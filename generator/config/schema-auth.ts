/**
 * `auth` (reference §4): a type name, or an object whose `type` (default "bearer") selects the
 * variant. Credentials may be `{ "$secret": name }` so they never live in the config file.
 */
import { Type } from "@sinclair/typebox";
import { definition, described, freeObject, strictObject, stringEnum, text } from "./schema-helpers.js";
import { secretString } from "./schema-secret.js";

export const AUTH_TYPES = ["bearer", "api_key", "http_basic", "oauth2_client_credentials"] as const;

const typeKey = <const T extends readonly string[]>(values: T, description: string) =>
  stringEnum(values, { title: "Auth type", description });

const BearerAuth = strictObject(
  {
    type: Type.Optional(typeKey(["bearer"], 'Selects bearer-token auth; may be omitted ("bearer" is the default).')),
    token: secretString({ title: "Token", description: "The token, sent as `Authorization: Bearer <token>`." }),
  },
  { title: "Bearer token auth", description: "Sends `Authorization: Bearer <token>` with every request." },
);

const ApiKeyAuth = strictObject(
  {
    type: typeKey(["api_key"], "Selects API-key auth."),
    name: Type.Optional(
      text({
        title: "Key name",
        description: 'Header or query parameter name that carries the key. Default: "Authorization".',
      }),
    ),
    api_key: secretString({ title: "API key", description: "The key, sent as is (no prefix)." }),
    location: Type.Optional(
      stringEnum(["header", "query", "param", "cookie"], {
        title: "Key location",
        description: 'Where the key goes: "header" (default), "query" or its alias "param", or "cookie".',
      }),
    ),
  },
  { title: "API key auth", description: "Sends an API key in a header or a query parameter." },
);

const HttpBasicAuth = strictObject(
  {
    type: typeKey(["http_basic"], "Selects HTTP basic auth."),
    username: secretString({ title: "Username", description: "The user name." }),
    password: secretString({ title: "Password", description: "The password." }),
  },
  { title: "HTTP basic auth", description: "Sends `Authorization: Basic base64(username:password)`." },
);

const OAuth2ClientCredentials = strictObject(
  {
    type: typeKey(["oauth2_client_credentials"], "Selects the OAuth 2 client-credentials grant."),
    access_token_url: text({ title: "Token URL", description: "URL the token request is POSTed to." }),
    client_id: secretString({
      title: "Client ID",
      description: "The OAuth client id, sent in the token request body.",
    }),
    client_secret: secretString({
      title: "Client secret",
      description: "The OAuth client secret, sent in the token request body.",
    }),
    access_token_request_data: Type.Optional(
      freeObject({
        title: "Extra token request fields",
        description: "Extra form fields for the token request (e.g. scope, audience); they may override the defaults.",
      }),
    ),
    default_token_expiration: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: "Default token lifetime",
        description: "Token lifetime in seconds when the token response has no expires_in. Default: 3600.",
      }),
    ),
  },
  {
    title: "OAuth 2 client credentials",
    description: "Fetches a token with the client-credentials grant and sends it as a bearer token.",
  },
);

export const AuthTypeSchema = stringEnum(AUTH_TYPES, {
  title: "Auth type",
  description: "An auth type whose credentials are all supplied at run time.",
});

export const AuthSchema = definition(
  "Auth",
  Type.Union([AuthTypeSchema, BearerAuth, ApiKeyAuth, HttpBasicAuth, OAuth2ClientCredentials], {
    title: "Auth",
    description: 'How requests authenticate: an auth type name, or an object with a type (default "bearer").',
  }),
);

/** The auth schema documented for the key it appears under. */
export const auth = (description: string) => described(AuthSchema, { title: "Auth", description });
