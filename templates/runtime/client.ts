import { ofetch } from "ofetch";
import type { Auth } from "./auth/auth.js";
import { AbortError, HttpStatusError, NetworkError, TimeoutError } from "./errors.js";
import { learningRedactor, redactHeaders, type Redactor } from "./redact.js";
import { urlWithQuery, type RequestSpec } from "./request.js";
import {
  RETRYABLE_STATUSES,
  parseRetryAfter,
  retryDelay,
  retryPolicy,
  sleep,
  type RetryOptions,
} from "./retry.js";
import type { Throttle } from "./throttle.js";

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
  /** Called before every attempt, with the URL and headers redacted. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called after every attempt, answered or not, with the URL and headers redacted. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** Receives one redacted line per attempt (`debug`) and per retry (`warn`). */
  logger?: Logger | undefined;
}

/** Where log lines go; `console` fits. Every line is redacted before it gets here. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

/** One attempt of one request, as observers see it: secrets replaced by `***`, credential headers hidden. */
export interface RequestEvent {
  resource: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** How an attempt ended. `status` and `headers` are those of the response, when one came. */
export interface ResponseEvent extends RequestEvent {
  outcome: "response" | "timeout" | "network-error";
  status: number | undefined;
  durationMs: number;
}

export interface SendOptions {
  /**
   * A response this returns true for is handed back as it is, whatever its status,
   * without retrying: dlt's `response_actions` with `action: "ignore"` run here.
   */
  isIgnored?: ((status: number, text: string) => boolean) | undefined;
  /** This request's per-attempt timeout, in milliseconds, over the client's. */
  timeoutMs?: number | undefined;
  /**
   * Cancels this request alone (a page fetched ahead that is no longer wanted); it rejects with `AbortError`.
   * When given, it replaces the client's signal for this request: it must abort when that one does.
   */
  signal?: AbortSignal | undefined;
  /** Shared by the requests of one resource run: a 429 holds them all back (see {@link Throttle}). */
  throttle?: Throttle | undefined;
}

export interface HttpClient {
  /** Sends `request` (which it never changes), retrying transient failures; resolves with a 2xx/3xx response. */
  send(request: RequestSpec, resource: string, options?: SendOptions): Promise<HttpResponse>;
  /** Replaces every secret, and every credential the auth put on a request, by `***`. */
  readonly redact: Redactor;
  /** The caller's signal, so that loops over pages can stop between records too. */
  readonly signal: AbortSignal | undefined;
  /** Throws `AbortError` when the caller's signal has fired. */
  throwIfAborted(): void;
  /** The same client (same auth, same credentials cache) with other defaults, e.g. one resource's timeout. */
  withOptions(defaults: Pick<SendOptions, "timeoutMs">): HttpClient;
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
    // Read untyped: `Error.prototype.cause` is ES2022, the runtime's library is ES2020.
    current = (current as { cause?: unknown }).cause;
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
  const policy = retryPolicy(options.retry);
  const clientTimeoutMs = usableTimeout(options.timeoutMs) ?? DEFAULT_TIMEOUT_MS;
  // Credentials an auth derives (a Basic header, an OAuth2 token) match no configured secret: learn them as they are sent.
  const redact = learningRedactor(options.redact);
  const { signal: callerSignal, logger } = options;
  // Redacting headers for observers costs on every attempt; skip it when nobody observes.
  const observed =
    options.onRequest !== undefined || options.onResponse !== undefined || logger !== undefined;

  type Attempt = { url: string; startedAt: number } & (
    { response: Response; text: string } | { timedOut: true } | { error: unknown }
  );

  function throwIfAborted(): void {
    if (callerSignal?.aborted)
      throw new AbortError("Aborted by the caller's signal", { cause: callerSignal.reason });
  }

  /** Applies the auth to a copy of `request` and remembers what it added, so that no observer ever sees it. */
  async function authorize(request: RequestSpec): Promise<RequestSpec> {
    const outgoing: RequestSpec = {
      ...request,
      query: { ...request.query },
      headers: { ...request.headers },
    };
    await options.auth?.apply(outgoing, callerSignal);
    for (const [name, value] of Object.entries(outgoing.headers)) {
      if (request.headers[name] === value) continue;
      redact.learn(value);
      // `Bearer <token>`, `Basic <base64>`: a server may echo the credential without its scheme.
      const credential = /^\S+ (\S+)$/.exec(value)?.[1];
      if (credential !== undefined) redact.learn(credential);
    }
    for (const [name, value] of Object.entries(outgoing.query)) {
      if (request.query[name] !== value && value !== null) redact.learn(String(value));
    }
    return outgoing;
  }

  /** Throws `AbortError` when the caller's signal or this request's own `cancel` signal has fired. */
  function throwIfCancelled(cancel: AbortSignal | undefined): void {
    throwIfAborted();
    if (cancel?.aborted)
      throw new AbortError("The request was cancelled: its page is no longer wanted", {
        cause: cancel.reason,
      });
  }

  async function attempt(
    request: RequestSpec,
    resource: string,
    number: number,
    timeoutMs: number,
    cancel: AbortSignal | undefined,
  ): Promise<Attempt> {
    throwIfCancelled(cancel);
    const outgoing = await authorize(request);
    const url = urlWithQuery(outgoing.url, outgoing.query);
    if (observed) {
      const seen = {
        resource,
        method: outgoing.method,
        url: redact(url),
        headers: redactHeaders(outgoing.headers, redact),
        attempt: number,
      };
      options.onRequest?.(seen);
      logger?.debug?.(`${seen.method} ${seen.url} (${resource}, attempt ${number})`);
    }
    const startedAt = Date.now();
    const base = { url, startedAt };
    // One controller per attempt, fired by its own timer or by the request's signal, and let go of once the
    // attempt is over. AbortSignal.timeout and AbortSignal.any do the same through weak references and a
    // finalization registry per signal, and leave the timer pending after the answer came: work per page for nothing.
    // A request with its own signal is cancelled through it when the caller aborts (its resource run sees to that).
    const stop = cancel ?? callerSignal;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onStop = () => controller.abort(stop?.reason);
    stop?.addEventListener("abort", onStop, { once: true });
    const signal = controller.signal;
    try {
      const response = await ofetch.raw(url, {
        method: outgoing.method,
        ...jsonBody(outgoing),
        retry: false,
        ignoreResponseError: true,
        responseType: "text",
        signal,
      });
      const text = response._data ?? "";
      // ofetch leaves the body on the Response. fetch registers every Response in a finalization
      // registry, which V8's minor GCs treat as a strong reference, so with the text on it each page's
      // text was promoted to the old generation (measured: 40% of all promoted bytes). Taken off, it dies young.
      delete response._data;
      return { ...base, response, text };
    } catch (error) {
      throwIfCancelled(cancel);
      if (timedOut) return { ...base, timedOut: true };
      return { ...base, error };
    } finally {
      clearTimeout(timer);
      stop?.removeEventListener("abort", onStop);
    }
  }

  async function send(
    request: RequestSpec,
    resource: string,
    sendOptions: SendOptions = {},
  ): Promise<HttpResponse> {
    const timeoutMs = usableTimeout(sendOptions.timeoutMs) ?? clientTimeoutMs;
    const { throttle, signal: ownSignal } = sendOptions;
    const cancel = ownSignal ?? callerSignal;
    for (let attemptNumber = 1; ; attemptNumber++) {
      const release = throttle ? await abortable(throttle.acquire(cancel), ownSignal) : undefined;
      let attempted: Attempt;
      try {
        attempted = await attempt(request, resource, attemptNumber, timeoutMs, ownSignal);
      } finally {
        release?.();
      }
      const result = attempted;
      const target = {
        method: request.method,
        url: redact(result.url),
        resource,
        attempts: attemptNumber,
      };
      if (observed) {
        const answered = "response" in result;
        const event: ResponseEvent = {
          resource,
          method: request.method,
          url: target.url,
          headers: answered ? redactHeaders(result.response.headers, redact) : {},
          attempt: attemptNumber,
          outcome: answered ? "response" : "timedOut" in result ? "timeout" : "network-error",
          status: answered ? result.response.status : undefined,
          durationMs: Date.now() - result.startedAt,
        };
        options.onResponse?.(event);
        logger?.debug?.(
          `${event.method} ${event.url} → ${event.status ?? event.outcome} in ${event.durationMs} ms`,
        );
      }
      let retryAfterMs: number | undefined;
      let failure: Error;
      if ("response" in result) {
        const { response, text } = result;
        if (sendOptions.isIgnored?.(response.status, text)) {
          return {
            status: response.status,
            headers: response.headers,
            text,
            url: target.url,
            ignored: true,
          };
        }
        if (response.status < 400) {
          throttle?.succeeded();
          return { status: response.status, headers: response.headers, text, url: target.url };
        }
        failure = new HttpStatusError({
          ...target,
          status: response.status,
          statusText: response.statusText,
          // Redacted before it is cut, so a secret straddling the cut cannot leave half of itself behind.
          bodyExcerpt: redact(text).slice(0, EXCERPT_LENGTH),
        });
        if (!RETRYABLE_STATUSES.has(response.status)) throw failure;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      } else if ("timedOut" in result) {
        failure = new TimeoutError({ ...target, timeoutMs });
      } else {
        failure = new NetworkError({ ...target, reason: redact(networkReason(result.error)) });
      }
      if (attemptNumber > policy.maxRetries) throw failure;
      const delayMs = retryDelay(attemptNumber, policy, retryAfterMs);
      // The API asked to slow down: every request of the run waits, not only this one.
      if (
        failure instanceof HttpStatusError &&
        (failure.status === 429 || retryAfterMs !== undefined)
      )
        throttle?.hold(delayMs);
      logger?.warn?.(
        `${failure.message}; retrying in ${Math.round(delayMs)} ms (attempt ${attemptNumber + 1} of ${policy.maxRetries + 1})`,
      );
      await abortable(sleep(delayMs, cancel), ownSignal);
    }
  }

  /** A wait that the caller's or the request's own signal ended becomes the matching `AbortError`. */
  async function abortable<T>(wait: Promise<T>, ownSignal: AbortSignal | undefined): Promise<T> {
    try {
      return await wait;
    } catch (reason) {
      throwIfCancelled(ownSignal);
      throw reason;
    }
  }

  function withDefaults(defaults: Pick<SendOptions, "timeoutMs">): HttpClient {
    return {
      send: (request, resource, sendOptions = {}) =>
        send(request, resource, { ...defaults, ...definedOnly(sendOptions) }),
      redact,
      signal: callerSignal,
      throwIfAborted,
      withOptions: (more) => withDefaults({ ...defaults, ...definedOnly(more) }),
    };
  }

  return withDefaults({});
}

/**
 * Headers and body of a request, the JSON body serialized here: ofetch serializes only objects
 * it recognises as plain, and sends `[object Object]` for a body with a key such as
 * `constructor` or `buffer`. Content-Type and Accept are set as ofetch would, unless configured.
 */
function jsonBody(request: RequestSpec): { headers: Record<string, string>; body?: string } {
  if (request.json === undefined) return { headers: request.headers };
  const headers = { ...request.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!has("content-type")) headers["content-type"] = "application/json";
  if (!has("accept")) headers["accept"] = "application/json";
  return { headers, body: JSON.stringify(request.json) };
}

/** A timeout that can be used: a positive finite number; anything else means "the default". */
function usableTimeout(timeoutMs: number | undefined): number | undefined {
  return typeof timeoutMs === "number" && timeoutMs > 0 && Number.isFinite(timeoutMs)
    ? timeoutMs
    : undefined;
}

/** `options` without its undefined entries, so that spreading it never erases a default. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
