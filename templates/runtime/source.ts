import type { RetryOptions } from "./retry.js";

/** Options every generated `createSource` accepts; `SecretName` lists the secrets its config names. */
export interface SourceOptions<SecretName extends string> {
  /** Secret values by name; a secret not given here is read from the environment variable of its upper-case name. */
  secrets?: Partial<Record<SecretName, string>>;
  /** Replaces the config's `client.base_url`, e.g. to point at a test server. */
  baseUrl?: string;
  /** Aborts every request of the source and ends iteration with an `AbortError`. */
  signal?: AbortSignal;
  /** Overrides the retry policy: 3 retries, waits of 1 s, 2 s, 4 s by default. */
  retry?: RetryOptions;
  /** Per-attempt request timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
}
