/** Statuses that mean "try again later"; any other error status fails at once. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([
  429, // Too Many Requests: the server asks us to slow down, often with Retry-After
  500, // Internal Server Error: usually transient on APIs under load
  502, // Bad Gateway: a proxy could not reach the server
  503, // Service Unavailable: overloaded or in maintenance, often with Retry-After
  504, // Gateway Timeout: a proxy gave up waiting
]);

export interface RetryOptions {
  /** Retries after the first attempt; `0` disables retrying. Default 3. */
  maxRetries?: number;
  /** Each wait is this many times the previous one. Default 2. */
  backoffFactor?: number;
  /** The wait before the first retry, in milliseconds. Default 1000. */
  initialDelayMs?: number;
  /** No wait is longer than this, `Retry-After` included, in milliseconds. Default 60000. */
  maxDelayMs?: number;
  /**
   * Spreads retries of many clients apart: each wait is lengthened by a random share of
   * itself, up to this fraction (`0.5`: up to 50% longer), then capped by `maxDelayMs`.
   * Only ever added, so a server's `Retry-After` is still honoured. Default 0: no jitter.
   */
  jitter?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxRetries: 3,
  backoffFactor: 2,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0,
};

/**
 * Milliseconds to wait before retry number `retry` (1-based): the server's
 * `Retry-After` when it sent one, else `initialDelayMs * backoffFactor^(retry-1)`;
 * plus up to `jitter` of itself at random; either way capped by `maxDelayMs`.
 */
export function retryDelay(
  retry: number,
  policy: Required<RetryOptions>,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * policy.backoffFactor ** (retry - 1);
  const wait = retryAfterMs ?? exponential;
  const jitter = Math.min(Math.max(policy.jitter, 0), 1);
  return Math.min(jitter === 0 ? wait : wait * (1 + jitter * random()), policy.maxDelayMs);
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns milliseconds from `now`, never negative, or undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The policy a client runs with: `options` over the defaults, where an option that is
 * undefined or not a usable number (negative, NaN; from plain JavaScript callers) keeps its default,
 * so a stray `maxRetries: undefined` can never mean "retry forever".
 */
export function retryPolicy(options: RetryOptions | undefined): Required<RetryOptions> {
  const policy = { ...DEFAULT_RETRY };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryOptions)[]) {
    const value = options?.[key];
    if (typeof value === "number" && value >= 0 && !Number.isNaN(value)) policy[key] = value;
  }
  return policy;
}
