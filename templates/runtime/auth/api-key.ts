import type { Auth } from "./auth.js";

/**
 * dlt auth `type: "api_key"`: `api_key` sent under `name` (default `Authorization`)
 * in the `location` `header` (default), `query` (alias `param`) or `cookie`.
 * Unlike dlt, which accepts `cookie` and then fails at request time, `cookie` works.
 */
export interface ApiKeyAuthOptions {
  name?: string;
  api_key: string;
  location?: "header" | "query" | "param" | "cookie";
}

export function apiKeyAuth({
  name = "Authorization",
  api_key,
  location = "header",
}: ApiKeyAuthOptions): Auth {
  return {
    apply(request) {
      switch (location) {
        case "query":
        case "param":
          request.query[name] = api_key;
          break;
        case "cookie": {
          const pair = `${encodeURIComponent(name)}=${encodeURIComponent(api_key)}`;
          const existing = request.headers["Cookie"];
          request.headers["Cookie"] = existing ? `${existing}; ${pair}` : pair;
          break;
        }
        case "header":
          request.headers[name] = api_key;
          break;
      }
    },
  };
}
