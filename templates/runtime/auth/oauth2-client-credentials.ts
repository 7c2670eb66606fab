import { ofetch } from "ofetch";
import type { Auth } from "./auth.js";
import { AbortError, AuthError } from "../errors.js";
import { createRedactor } from "../redact.js";
import { RETRYABLE_STATUSES, parseRetryAfter, sleep } from "../retry.js";

/**
 * dlt auth `type: "oauth2_client_credentials"` (reference §4.2), keys `access_token_url`,
 * `client_id`, `client_secret`, `access_token_request_data` (default `{}`) and
 * `default_token_expiration` (default 3600 s).
 *
 * As in dlt: the token is fetched lazily, before the first request that needs it, with
 * `POST access_token_url` and a form body of `client_id`, `client_secret`,
 * `grant_type=client_credentials` and every key of `access_token_request_data` (which may
 * override those three); the credentials are never sent as HTTP Basic. The token is
 * `access_token` of the JSON answer, sent as `Authorization: Bearer <token>`, and lives
 * `expires_in` seconds, or `default_token_expiration` when the answer has none.
 *
 * Where we differ from dlt, on purpose:
 * - The token is refreshed a little before it expires ({@link REFRESH_MARGIN_MAX_MS} or
 *   {@link REFRESH_MARGIN_FRACTION} of its lifetime, whichever is smaller), and its lifetime
 *   is counted from when the token request was sent, so a request never leaves with a
 *   token that expires on its way.
 * - Requests that need a token at the same time share one token request; a caller whose
 *   signal aborts stops waiting, and the token request itself is aborted only once every
 *   caller waiting for it has gone.
 * - A failed token request is not remembered: the next request tries again. Network
 *   errors, timeouts, 429 and 5xx are retried a little ({@link TOKEN_REQUEST_MAX_RETRIES}).
 * - Failures are an `AuthError` naming the URL and status (and the OAuth2 `error` code),
 *   never the client id, secret or token. dlt's error carries the whole response.
 * - `expires_in` given as a numeric string is accepted; one that is not a number falls
 *   back to `default_token_expiration` where dlt fails.
 * - dlt's `access_token` preset and Python `session` keys are not supported.
 */
export interface OAuth2ClientCredentialsAuthOptions {
  access_token_url: string;
  client_id: string;
  client_secret: string;
  access_token_request_data?: Record<string, string | number | boolean>;
  /** Seconds a token lives when the token answer has no `expires_in`. Default 3600. */
  default_token_expiration?: number;
}

/** The most a token is refreshed ahead of its expiry: enough for a slow request to arrive in time. */
export const REFRESH_MARGIN_MAX_MS = 30_000;
/** Short-lived tokens are refreshed this fraction of their lifetime early, so they still get used. */
export const REFRESH_MARGIN_FRACTION = 0.1;
/** One token request attempt gives up after this long, so a stuck endpoint cannot hang every request. */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
/** Retries of a token request after a transient failure; the client's own retry loop does not cover it. */
export const TOKEN_REQUEST_MAX_RETRIES = 2;
/** The wait before the first retry of a token request, doubling after that. */
export const TOKEN_RETRY_INITIAL_DELAY_MS = 200;
/** No `Retry-After` from the token endpoint makes us wait longer than this. */
export const TOKEN_RETRY_MAX_DELAY_MS = 10_000;

const AUTH_TYPE = "oauth2_client_credentials";
const DEFAULT_TOKEN_EXPIRATION_S = 3600;
const DESCRIPTION_LENGTH = 200;

interface Token {
  value: string;
  /** `Date.now()` from which a new token is fetched. */
  refreshAt: number;
}

interface TokenFetch {
  promise: Promise<string>;
  controller: AbortController;
  /** Callers still waiting; when the last one aborts, the fetch is aborted too. */
  waiters: number;
}

export function oauth2ClientCredentialsAuth(options: OAuth2ClientCredentialsAuthOptions): Auth {
  // A relative token URL is resolved against the first request's URL, so it moves with `baseUrl`.
  let url = options.access_token_url;
  const defaultExpirationS = options.default_token_expiration ?? DEFAULT_TOKEN_EXPIRATION_S;
  // The token endpoint may echo the client id in its error description, or someone may
  // have put credentials in the URL: both reach the error message only through this.
  const redact = createRedactor([options.client_id, options.client_secret]);

  let token: Token | undefined;
  let inflight: TokenFetch | undefined;

  function form(): string {
    const body = new URLSearchParams({
      client_id: options.client_id,
      client_secret: options.client_secret,
      grant_type: "client_credentials",
    });
    // `set` replaces in place, so an override keeps the key where dlt's dict merge keeps it.
    for (const [key, value] of Object.entries(options.access_token_request_data ?? {}))
      body.set(key, String(value));
    return body.toString();
  }

  function failure(
    problem: string,
    attempts: number,
    status?: number,
    oauthError?: string,
  ): AuthError {
    return new AuthError({
      authType: AUTH_TYPE,
      method: "POST",
      url: redact(url),
      problem,
      status,
      attempts,
      oauthError,
    });
  }

  /** One token request with its retries; `signal` is the shared fetch's, not a caller's. */
  async function fetchToken(signal: AbortSignal): Promise<Token> {
    const body = form();
    for (let attempt = 1; ; attempt++) {
      const sentAt = Date.now();
      const timeout = AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS);
      let error: AuthError;
      let retryAfterMs: number | undefined;
      let retryable: boolean;
      try {
        const response = await ofetch.raw(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
          },
          body,
          retry: false,
          ignoreResponseError: true,
          responseType: "text",
          signal: AbortSignal.any([signal, timeout]),
        });
        const status = `${response.status} ${response.statusText}`.trim();
        const parsed = parseJson(response._data ?? "");
        if (!response.ok) {
          const oauthError = stringField(parsed, "error");
          const description = stringField(parsed, "error_description");
          const detail = [oauthError, description?.slice(0, DESCRIPTION_LENGTH)].filter(
            (part) => part !== undefined,
          );
          const problem = detail.length > 0 ? `${status} (${redact(detail.join(": "))})` : status;
          error = failure(
            problem,
            attempt,
            response.status,
            oauthError === undefined ? undefined : redact(oauthError),
          );
          retryable = RETRYABLE_STATUSES.has(response.status);
          retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        } else {
          // The body is never quoted: whatever it holds under another name may be the token.
          if (parsed === undefined)
            throw failure(`${status} with a body that is not JSON`, attempt, response.status);
          const value = tokenValue(parsed);
          if (value === undefined)
            throw failure(`${status} without an access_token`, attempt, response.status);
          const lifetimeMs = Math.max(0, expiresInSeconds(parsed, defaultExpirationS) * 1000);
          const margin = Math.min(REFRESH_MARGIN_MAX_MS, lifetimeMs * REFRESH_MARGIN_FRACTION);
          return { value, refreshAt: sentAt + lifetimeMs - margin };
        }
      } catch (caught) {
        if (caught instanceof AuthError) throw caught;
        if (signal.aborted)
          throw new AbortError("Aborted by the caller's signal", { cause: signal.reason });
        // ofetch's error keeps the request options, form body with the secret included: it is not kept as a cause.
        error = timeout.aborted
          ? failure(`no response within ${TOKEN_REQUEST_TIMEOUT_MS} ms`, attempt)
          : failure(`network error: ${redact(networkReason(caught))}`, attempt);
        retryable = true;
      }
      if (!retryable || attempt > TOKEN_REQUEST_MAX_RETRIES) throw error;
      const exponential = TOKEN_RETRY_INITIAL_DELAY_MS * 2 ** (attempt - 1);
      try {
        await sleep(Math.min(retryAfterMs ?? exponential, TOKEN_RETRY_MAX_DELAY_MS), signal);
      } catch (reason) {
        throw new AbortError("Aborted by the caller's signal", { cause: reason });
      }
    }
  }

  function startFetch(): TokenFetch {
    const controller = new AbortController();
    const entry: TokenFetch = {
      controller,
      waiters: 0,
      promise: fetchToken(controller.signal)
        .then((fetched) => {
          token = fetched;
          return fetched.value;
        })
        .finally(() => {
          if (inflight === entry) inflight = undefined;
        }),
    };
    return entry;
  }

  function join(entry: TokenFetch, signal: AbortSignal | undefined): Promise<string> {
    entry.waiters += 1;
    if (signal === undefined) return entry.promise;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        entry.waiters -= 1;
        if (entry.waiters === 0) {
          // Forget it at once, so that a caller arriving now starts a fresh fetch instead of joining a dying one.
          if (inflight === entry) inflight = undefined;
          entry.controller.abort(signal.reason);
        }
        reject(new AbortError("Aborted by the caller's signal", { cause: signal.reason }));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      entry.promise
        .then(resolve, reject)
        .finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  return {
    async apply(request, signal) {
      if (signal?.aborted)
        throw new AbortError("Aborted by the caller's signal", { cause: signal.reason });
      let value: string;
      if (token !== undefined && Date.now() < token.refreshAt) {
        value = token.value;
      } else {
        if (!/^https?:\/\//i.test(url)) url = new URL(url, request.url).toString();
        inflight ??= startFetch();
        value = await join(inflight, signal);
      }
      setAuthorization(request.headers, `Bearer ${value}`);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

/** `access_token` as dlt reads it (`str(...)`), but an empty or non-scalar one is no token. */
function tokenValue(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)["access_token"];
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function expiresInSeconds(body: unknown, fallback: number): number {
  const raw =
    typeof body === "object" && body !== null
      ? (body as Record<string, unknown>)["expires_in"]
      : undefined;
  const seconds =
    typeof raw === "number" || (typeof raw === "string" && raw.trim() !== "")
      ? Number(raw)
      : Number.NaN;
  return Number.isFinite(seconds) ? seconds : fallback;
}

/** Why a fetch failed, in words that carry neither URL nor body: Node puts the system error code on the innermost cause. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  let reason = "request failed";
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    reason = typeof code === "string" ? code : current.message;
    current = (current as { cause?: unknown }).cause; // `Error.prototype.cause` is ES2022: read untyped
  }
  return reason;
}

// Repeated from bearer.ts so that each auth file needs only the runtime core.
function setAuthorization(headers: Record<string, string>, value: string): void {
  for (const key of Object.keys(headers))
    if (key.toLowerCase() === "authorization") delete headers[key];
  headers["Authorization"] = value;
}
