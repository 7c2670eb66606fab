/**
 * Every failure a connector reports is a `ConnectorError`, with structured fields
 * next to the message. URLs in errors are always redacted: secrets never appear.
 */
export class ConnectorError extends Error {
  override name = "ConnectorError";
  /** The resource being read when the error happened, when known. */
  readonly resource: string | undefined;

  constructor(message: string, options: { resource?: string | undefined; cause?: unknown } = {}) {
    super(message);
    // What `new Error(message, { cause })` does (ES2022), written for an ES2020 library: an own, non-enumerable property.
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", {
        value: options.cause,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    this.resource = options.resource;
  }

  /**
   * The error as structured data for logs: name, message and every field, without the stack.
   * `JSON.stringify(error)` uses it; a plain Error would serialize to `{}`.
   */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this))
      if (key !== "cause" && key !== "stack") fields[key] = value;
    return fields;
  }
}

/** Where a failed request went; the URL has every secret replaced by `***`. */
export interface RequestTarget {
  method: string;
  url: string;
  resource?: string | undefined;
}

/** The server answered with a status that is an error, after every retry. */
export class HttpStatusError extends ConnectorError {
  override name = "HttpStatusError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  /** The start of the response body, redacted, for a person to read. */
  readonly bodyExcerpt: string;

  constructor(
    target: RequestTarget & {
      status: number;
      statusText: string;
      attempts: number;
      bodyExcerpt: string;
    },
  ) {
    super(
      `[${target.method}] "${target.url}": ${target.status} ${target.statusText}` +
        (target.attempts > 1 ? ` (after ${target.attempts} attempts)` : ""),
      { resource: target.resource },
    );
    this.status = target.status;
    this.method = target.method;
    this.url = target.url;
    this.attempts = target.attempts;
    this.bodyExcerpt = target.bodyExcerpt;
  }
}

/** The request never got a whole response: connection refused or reset (also mid-body), DNS failure. */
export class NetworkError extends ConnectorError {
  override name = "NetworkError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  /** The system error code (`ECONNRESET`, `ECONNREFUSED`, `ENOTFOUND`, …) or, without one, the failure's words. */
  readonly reason: string;

  constructor(target: RequestTarget & { attempts: number; reason: string }) {
    super(
      `[${target.method}] "${target.url}": network error: ${target.reason} (after ${target.attempts} attempts)`,
      {
        resource: target.resource,
      },
    );
    this.method = target.method;
    this.url = target.url;
    this.attempts = target.attempts;
    this.reason = target.reason;
  }
}

/** A request took longer than the configured timeout, on every attempt. */
export class TimeoutError extends ConnectorError {
  override name = "TimeoutError";
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts: number;

  constructor(target: RequestTarget & { timeoutMs: number; attempts: number }) {
    super(
      `[${target.method}] "${target.url}": no response within ${target.timeoutMs} ms (after ${target.attempts} attempts)`,
      { resource: target.resource },
    );
    this.method = target.method;
    this.url = target.url;
    this.timeoutMs = target.timeoutMs;
    this.attempts = target.attempts;
  }
}

/**
 * The response arrived but is not what the connector's config says it should be: a body
 * that is not JSON, a paginator field of the wrong type, a next link to another host.
 * Names the resource, the page (1-based) and the URL (redacted), with the start of the body.
 */
export class ResponseShapeError extends ConnectorError {
  override name = "ResponseShapeError";
  declare readonly resource: string;
  readonly url: string;
  readonly page: number;
  /** What is wrong, in a few words, e.g. `the response is not JSON (text/html)`. */
  readonly problem: string;
  readonly bodyExcerpt: string;

  constructor(detail: {
    resource: string;
    url: string;
    page: number;
    problem: string;
    bodyExcerpt: string;
  }) {
    super(`${detail.resource}, page ${detail.page} ("${detail.url}"): ${detail.problem}`, {
      resource: detail.resource,
    });
    this.url = detail.url;
    this.page = detail.page;
    this.problem = detail.problem;
    this.bodyExcerpt = detail.bodyExcerpt;
  }
}

/**
 * The connector was set up wrongly at run time (not a failure of the API): a missing secret,
 * an option out of range. `setting` names what to fix.
 */
export class ConnectorConfigError extends ConnectorError {
  override name = "ConnectorConfigError";
  /** The option or secret at fault, e.g. `secrets.api_key` or `timeoutMs`. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.setting = setting;
  }
}

/** A secret the connector needs was given neither in options nor in the environment. */
export class MissingSecretError extends ConnectorConfigError {
  override name = "MissingSecretError";
  readonly secret: string;
  readonly environmentVariable: string;

  constructor(secret: string, environmentVariable: string) {
    super(
      `secrets.${secret}`,
      `Missing secret "${secret}": pass it as createSource({ secrets: { ${JSON.stringify(secret)}: "..." } }) ` +
        `or set the environment variable ${environmentVariable}.`,
    );
    this.secret = secret;
    this.environmentVariable = environmentVariable;
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends ConnectorError {
  override name = "AbortError";
}

/**
 * Getting a credential failed, e.g. an OAuth2 token request. The message names the
 * auth type, the URL and the status, never a client id, secret or token.
 */
export class AuthError extends ConnectorError {
  override name = "AuthError";
  /** The dlt auth `type`, e.g. `oauth2_client_credentials`. */
  readonly authType: string;
  readonly method: string;
  /** The credential endpoint, secrets replaced by `***`. */
  readonly url: string;
  /** The HTTP status of the last attempt; `undefined` when no response arrived. */
  readonly status: number | undefined;
  readonly attempts: number;
  /** The OAuth2 `error` code the server sent (RFC 6749 §5.2), when it sent one. */
  readonly oauthError: string | undefined;

  constructor(detail: {
    authType: string;
    method: string;
    url: string;
    /** What went wrong, in words that carry no secret, e.g. `401 Unauthorized (invalid_client)`. */
    problem: string;
    status?: number | undefined;
    attempts: number;
    oauthError?: string | undefined;
    resource?: string | undefined;
  }) {
    super(
      `[${detail.method}] "${detail.url}": ${detail.authType} credential request failed: ${detail.problem}` +
        (detail.attempts > 1 ? ` (after ${detail.attempts} attempts)` : ""),
      { resource: detail.resource },
    );
    this.authType = detail.authType;
    this.method = detail.method;
    this.url = detail.url;
    this.status = detail.status;
    this.attempts = detail.attempts;
    this.oauthError = detail.oauthError;
  }
}
