import type { Auth } from "./auth.js";

/**
 * dlt auth `type: "bearer"` (reference §4.2): `token` sent as `Authorization: Bearer <token>`
 * on every request. Like dlt, whose headers are case-insensitive, the credential replaces
 * any `Authorization` header the resource configured, whatever its case, instead of
 * being sent next to it.
 */
export interface BearerAuthOptions {
  token: string;
}

export function bearerAuth({ token }: BearerAuthOptions): Auth {
  const value = `Bearer ${token}`;
  return {
    apply(request) {
      setAuthorization(request.headers, value);
    },
  };
}

// Kept in this file (and repeated in the other Authorization-header auths) so that each
// auth file needs only the runtime core when a connector copies it.
function setAuthorization(headers: Record<string, string>, value: string): void {
  for (const key of Object.keys(headers))
    if (key.toLowerCase() === "authorization") delete headers[key];
  headers["Authorization"] = value;
}
