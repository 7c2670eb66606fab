/**
 * Keeping credentials out of error messages: a value is echoed only when the key it sits under does
 * not look like it holds a secret.
 */

/** dlt masks these keys in its messages (reference §4.3); gen-connector does too. */
export const SECRET_KEYS: readonly string[] = [
  "token",
  "api_key",
  "password",
  "client_secret",
  "access_token",
  "key",
  "secret",
  "pwd",
  "apikey",
  "api-key",
  "access-token",
  "username",
  "client_id",
];

/** Header and param names that carry credentials under other spellings (`Authorization`, `X-Api-Key`). */
const SECRET_LOOKING = /token|secret|passw|pwd|api[-_]?key|auth|credential|cookie|session|signature/i;

/** Whether a value under `key` must not be echoed. */
export function isSecretKey(key: string | number | undefined): boolean {
  // `$secret` matches too: its value should be a name, but a credential pasted there must not leak.
  if (typeof key !== "string") return false;
  return SECRET_KEYS.includes(key.toLowerCase()) || SECRET_LOOKING.test(key);
}

export const MASK = "*****";
