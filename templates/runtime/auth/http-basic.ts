import type { Auth } from "./auth.js";

/**
 * dlt auth `type: "http_basic"` (reference §4.2): `username` and `password` sent as
 * `Authorization: Basic base64(username:password)` on every request.
 *
 * Where we differ from dlt: the credentials are encoded as UTF-8 (RFC 7617 `charset="UTF-8"`,
 * what browsers and most servers expect), where dlt's HTTP library encodes them as Latin-1;
 * the two agree on ASCII. As with bearer, the header replaces a configured `Authorization`
 * header of any case rather than being sent next to it.
 */
export interface HttpBasicAuthOptions {
  username: string;
  password: string;
}

export function httpBasicAuth({ username, password }: HttpBasicAuthOptions): Auth {
  const value = `Basic ${base64Utf8(`${username}:${password}`)}`;
  return {
    apply(request) {
      setAuthorization(request.headers, value);
    },
  };
}

// btoa only takes code points below 256, so the UTF-8 bytes go through it one by one;
// this keeps the runtime free of Node's Buffer.
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// Repeated from bearer.ts so that each auth file needs only the runtime core.
function setAuthorization(headers: Record<string, string>, value: string): void {
  for (const key of Object.keys(headers))
    if (key.toLowerCase() === "authorization") delete headers[key];
  headers["Authorization"] = value;
}
