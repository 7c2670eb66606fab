/**
 * Guess: the API's base URL, from OpenAPI 3 `servers` (variables at their
 * defaults) or Swagger 2 `schemes`, `host` and `basePath`.
 */
import { isJsonObject, type JsonObject } from "../types/json-pointer.js";

/** Stands in when the spec names no absolute server URL; the user replaces it (or passes `baseUrl` to `createSource`). */
export const PLACEHOLDER_HOST = "https://api.example.com";

/** The base URL and why it was chosen. */
export interface BaseUrlGuess {
  url: string;
  reason: string;
}

function serverUrl(server: JsonObject): string | undefined {
  if (typeof server["url"] !== "string") return undefined;
  const variables = isJsonObject(server["variables"]) ? server["variables"] : {};
  return server["url"].replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isJsonObject(variable) && typeof variable["default"] === "string" ? variable["default"] : whole;
  });
}

/** Guesses `client.base_url`: the first server; a relative one is put under a placeholder host, with a note. */
export function guessBaseUrl(document: JsonObject): BaseUrlGuess {
  const servers = Array.isArray(document["servers"]) ? document["servers"].filter(isJsonObject) : [];
  const first = servers.map(serverUrl).find((url): url is string => url !== undefined && !url.includes("{"));
  if (first !== undefined && /^https?:\/\//i.test(first)) return { url: first.replace(/\/+$/, ""), reason: "the spec's first server" };
  if (typeof document["host"] === "string") {
    const schemes = Array.isArray(document["schemes"]) ? document["schemes"] : [];
    const scheme = schemes.includes("https") || schemes.length === 0 ? "https" : String(schemes[0]);
    const basePath = typeof document["basePath"] === "string" ? document["basePath"] : "";
    return { url: `${scheme}://${document["host"]}${basePath}`.replace(/\/+$/, ""), reason: "the spec's host and basePath" };
  }
  const path = first ?? (typeof document["basePath"] === "string" ? document["basePath"] : "");
  return {
    url: `${PLACEHOLDER_HOST}${path.startsWith("/") ? path : path === "" ? "" : `/${path}`}`.replace(/\/+$/, ""),
    reason: `the spec names no absolute server URL: replace ${PLACEHOLDER_HOST}`,
  };
}
