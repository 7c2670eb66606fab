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
  /**
   * Pages requested at once when a response gives the total (`offset` and `page_number`
   * paginators); records still come out in page order. Default 1: one at a time, as dlt.
   */
  pageConcurrency?: number;
  /** Pages requested ahead while your code works on one (look-ahead, every paginator); 0 turns it off. Default 1. */
  prefetch?: number;
  /** Per-resource settings over the source's, e.g. `{ reports: { timeoutMs: 120000 } }` for one slow endpoint. */
  resources?: Partial<Record<ResourceName, ResourceSettings>>;
  /** Sees every attempt before it is sent: URL with secrets as `***`, credential headers hidden. */
  onRequest?: (event: RequestEvent) => void;
  /** Sees how every attempt ended (status, duration), redacted the same way. */
  onResponse?: (event: ResponseEvent) => void;
  /** Gets one redacted line per attempt (`debug`) and per retry (`warn`); `console` fits. */
  logger?: Logger;
}

/** Settings of one resource over the source's. */
export interface ResourceSettings {
  /** Per-attempt request timeout in milliseconds. */
  timeoutMs?: number;
  /** Pages requested at once when the total is known; see {@link SourceOptions.pageConcurrency}. */
  pageConcurrency?: number;
  /** Pages requested ahead; see {@link SourceOptions.prefetch}. */
  prefetch?: number;
}
