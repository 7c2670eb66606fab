import { ofetch } from "ofetch";
import type { Auth } from "./auth/auth.js";
import { AbortError, HttpStatusError, NetworkError, TimeoutError } from "./errors.js";
import type { Redactor } from "./redact.js";
import { urlWithQuery, type RequestSpec } from "./request.js";
import { DEFAULT_RETRY, RETRYABLE_STATUSES, parseRetryAfter, retryDelay, sleep, type RetryOptions } from "./retry.js";

/** A response whose status was a success; its body is parsed by the caller, who knows which page it is. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Set when a response action said to ignore this response: no records, and no further pages. */
  ignored?: true;
  /** The URL that was requested, secrets redacted. */
  url: string;
}

export interface HttpClientOptions {
  auth?: Auth | undefined;
  retry?: RetryOptions | undefined;
  /** Per attempt, in milliseconds. Default 30000. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  redact: Redactor;
}

export interface SendOptions {
  /**
   * A response this returns true for is handed back as it is, whatever its status,
   * without retrying: dlt's `response_actions` with `action: "ignore"` run here.
   */
  isIgnored?: ((status: number, text: string) => boolean) | undefined;
}

export interface HttpClient {
  /** Sends `request` (which it never changes), retrying transient failures; resolves with a 2xx/3xx response. */
  send(request: RequestSpec, resource: string, options?: SendOptions): Promise<HttpResponse>;
  readonly redact: Redactor;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const EXCERPT_LENGTH = 500;

/** Why a fetch failed, in words that carry no URL: Node puts the system error code on the innermost cause. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  let reason = "request failed";
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    reason = typeof code === "string" ? code : current.message;
    current = current.cause;
  }
  return reason;
}

/**
 * The HTTP layer of a connector: one attempt is one `ofetch` call with its own
 * retry turned off, because the loop here also retries failures while reading
 * the body, honours `Retry-After`, keeps a per-attempt timeout when the caller
 * passes a signal, and can be aborted while it waits.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { redact } = options;

  type Attempt =
    | { url: string; response: Response; text: string }
    | { url: string; timedOut: true }
    | { url: string; error: unknown };

  async function attempt(request: RequestSpec): Promise<Attempt> {
    const outgoing: RequestSpec = {
      ...request,
      query: { ...request.query },
      headers: { ...request.headers },
    };
    await options.auth?.apply(outgoing, options.signal);
    const url = urlWithQuery(outgoing.url, outgoing.query);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await ofetch.raw(url, {
        method: outgoing.method,
        headers: outgoing.headers,
        ...(outgoing.json === undefined ? {} : { body: outgoing.json }),
        retry: false,
        ignoreResponseError: true,
        responseType: "text",
        signal,
      });
      return { url, response, text: response._data ?? "" };
    } catch (error) {
      if (options.signal?.aborted) throw new AbortError("Aborted by the caller's signal", { cause: options.signal.reason });
      if (timeout.aborted) return { url, timedOut: true };
      return { url, error };
    }
  }

  async function send(request: RequestSpec, resource: string, sendOptions: SendOptions = {}): Promise<HttpResponse> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      const result = await attempt(request);
      const target = { method: request.method, url: redact(result.url), resource, attempts: attemptNumber };
      let retryAfterMs: number | undefined;
      let failure: Error;
      if ("response" in result) {
        const { response, text } = result;
        if (sendOptions.isIgnored?.(response.status, text)) {
          return { status: response.status, headers: response.headers, text, url: target.url, ignored: true };
        }
        if (response.status < 400) {
          return { status: response.status, headers: response.headers, text, url: target.url };
        }
        failure = new HttpStatusError({
          ...target,
          status: response.status,
          statusText: response.statusText,
          bodyExcerpt: redact(text.slice(0, EXCERPT_LENGTH)),
        });
        if (!RETRYABLE_STATUSES.has(response.status)) throw failure;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      } else if ("timedOut" in result) {
        failure = new TimeoutError({ ...target, timeoutMs });
      } else {
        failure = new NetworkError({ ...target, reason: redact(networkReason(result.error)) });
      }
      if (attemptNumber > policy.maxRetries) throw failure;
      try {
        await sleep(retryDelay(attemptNumber, policy, retryAfterMs), options.signal);
      } catch (reason) {
        throw new AbortError("Aborted by the caller's signal", { cause: reason });
      }
    }
  }

  return { send, redact };
}
