import type { Logger, RequestEvent, ResponseEvent } from "./client.js";
import type { RetryOptions } from "./retry.js";

/** Options every generated `createSource` accepts; `SecretName` lists the secrets its config names. */
export interface SourceOptions<SecretName extends string, ResourceName extends string = string> {
  /** Secret values by name; a secret not given here is read from the environment variable of its upper-case name. */
  secrets?: Partial<Record<SecretName, string>>;
  /** Replaces the config's `client.base_url`, e.g. to point at a test server. */
  baseUrl?: string;
  /** Aborts every request of the source and ends iteration with an `AbortError`. */
  signal?: AbortSignal;
  /** Overrides the retry policy: 3 retries, waits of 1 s, 2 s, 4 s by default; `jitter` spreads them. */
  retry?: RetryOptions;
  /** Per-attempt request timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** Per-resource settings over the source's, e.g. `{ reports: { timeoutMs: 120000 } }` for one slow endpoint. */
  resources?: Partial<Record<ResourceName, { timeoutMs?: number }>>;
  /** Sees every attempt before it is sent: URL with secrets as `***`, credential headers hidden. */
  onRequest?: (event: RequestEvent) => void;
  /** Sees how every attempt ended (status, duration), redacted the same way. */
  onResponse?: (event: ResponseEvent) => void;
  /** Gets one redacted line per attempt (`debug`) and per retry (`warn`); `console` fits. */
  logger?: Logger;
}
