/**
 * Guess: how requests authenticate, from the spec's security schemes (OpenAPI 3
 * `components.securitySchemes`, Swagger 2 `securityDefinitions`). Every
 * credential becomes a `{ "$secret": name }` reference, never a value.
 */
import type { AuthConfig } from "../config/rest-api-config.js";
import { dereference, isJsonObject, type JsonObject } from "../types/json-pointer.js";
import { credentialHeader } from "./credential-header.js";

/** A guessed auth, or none, and why. */
export interface AuthGuess {
  auth: AuthConfig | undefined;
  reason: string;
}

function schemes(document: JsonObject): Map<string, JsonObject> {
  const components = isJsonObject(document["components"]) ? document["components"] : {};
  const raw = isJsonObject(components["securitySchemes"]) ? components["securitySchemes"] : isJsonObject(document["securityDefinitions"]) ? document["securityDefinitions"] : {};
  const found = new Map<string, JsonObject>();
  for (const [name, scheme] of Object.entries(raw)) {
    const node = dereference(document, scheme);
    if (isJsonObject(node)) found.set(name, node);
  }
  return found;
}

/** Scheme names in the order the spec prefers them: the global `security` first, then by how many operations use them. */
function preferred(document: JsonObject, names: string[]): string[] {
  const uses = new Map<string, number>(names.map((name) => [name, 0]));
  const count = (security: unknown, weight: number) => {
    if (!Array.isArray(security)) return;
    for (const requirement of security) if (isJsonObject(requirement)) for (const name of Object.keys(requirement)) uses.set(name, (uses.get(name) ?? 0) + weight);
  };
  count(document["security"], 1_000_000);
  const paths = isJsonObject(document["paths"]) ? document["paths"] : {};
  for (const item of Object.values(paths)) {
    if (isJsonObject(item) && isJsonObject(item["get"])) count(item["get"]["security"], 1);
  }
  return [...names].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0));
}

function clientCredentialsUrl(scheme: JsonObject): string | undefined {
  const flows = isJsonObject(scheme["flows"]) ? scheme["flows"] : {};
  const flow = flows["clientCredentials"];
  if (isJsonObject(flow) && typeof flow["tokenUrl"] === "string") return flow["tokenUrl"];
  // Swagger 2.0 calls the client credentials flow "application".
  return scheme["flow"] === "application" && typeof scheme["tokenUrl"] === "string" ? scheme["tokenUrl"] : undefined;
}

/** The auth config for one scheme, secrets named `<prefix>_<what>`. */
function authFor(scheme: JsonObject, prefix: string): AuthConfig | undefined {
  const secret = (what: string) => ({ $secret: `${prefix}_${what}` });
  const type = scheme["type"];
  const httpScheme = typeof scheme["scheme"] === "string" ? scheme["scheme"].toLowerCase() : "";
  if ((type === "http" && httpScheme === "basic") || type === "basic") {
    return { type: "http_basic", username: secret("username"), password: secret("password") };
  }
  if (type === "http" && httpScheme === "bearer") return { type: "bearer", token: secret("token") };
  if (type === "apiKey" && typeof scheme["name"] === "string") {
    const location = scheme["in"] === "query" ? "query" : scheme["in"] === "cookie" ? "cookie" : "header";
    return { type: "api_key", name: scheme["name"], api_key: secret("api_key"), location };
  }
  if (type === "oauth2") {
    const tokenUrl = clientCredentialsUrl(scheme);
    if (tokenUrl !== undefined) {
      return { type: "oauth2_client_credentials", access_token_url: tokenUrl, client_id: secret("client_id"), client_secret: secret("client_secret") };
    }
    // Other OAuth2 flows need a person to consent: the user obtains a token, the connector sends it.
    return { type: "bearer", token: secret("token") };
  }
  if (type === "openIdConnect") return { type: "bearer", token: secret("token") };
  return undefined;
}

/**
 * Guesses the client auth: the scheme the spec applies globally, else the one
 * most GET operations use. OAuth2 with a client-credentials flow becomes
 * `oauth2_client_credentials`; any other OAuth2 flow or OpenID Connect becomes a
 * bearer token the user obtains.
 */
export function guessAuth(document: JsonObject, secretPrefix: string): AuthGuess {
  const found = schemes(document);
  for (const name of preferred(document, [...found.keys()])) {
    const scheme = found.get(name)!;
    const auth = authFor(scheme, secretPrefix);
    if (auth !== undefined) return { auth, reason: `security scheme "${name}" (${String(scheme["type"])}${scheme["scheme"] ? ` ${String(scheme["scheme"])}` : ""})` };
  }
  const header = credentialHeader(document);
  if (header !== undefined) {
    return {
      auth: { type: "api_key", name: header, api_key: { $secret: `${secretPrefix}_api_key` }, location: "header" },
      reason: `the required header parameter "${header}" (the spec declares no security scheme for it)`,
    };
  }
  return { auth: undefined, reason: found.size === 0 ? "the spec declares no security scheme" : "no security scheme of a supported type" };
}
