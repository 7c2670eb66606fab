import { apiKeyAuth } from "../../templates/runtime/auth/api-key.js";
import { createHttpClient, type HttpClientOptions } from "../../templates/runtime/client.js";
import { offsetPaginator } from "../../templates/runtime/paginators/offset.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { createResource, type ResourceDefinition } from "../../templates/runtime/resource.js";

/** The secret every hostile runtime test sends, in the query, and then looks for everywhere it must not be. */
export const CANARY = "canary-Q9x/+=&s3cret";

/**
 * A resource named `items` over the runtime directly (no generation): an offset paginator of
 * `limit` records, the canary as an api_key query param, fast retries. Options override any of it.
 */
export function hostileResource(
  baseUrl: string,
  options: {
    client?: Partial<HttpClientOptions>;
    paginator?: PaginatorFactory;
    dataSelector?: string | undefined;
    limit?: number;
    definition?: Partial<ResourceDefinition>;
  } = {},
) {
  const client = createHttpClient({
    auth: apiKeyAuth({ name: "api_key", api_key: CANARY, location: "query" }),
    redact: createRedactor([CANARY]),
    retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 10 },
    ...options.client,
  });
  return createResource<{ id: number }, object>(
    client,
    {
      name: "items",
      baseUrl,
      path: "/items",
      method: "GET",
      params: {},
      headers: {},
      dataSelector: "dataSelector" in options ? options.dataSelector : "data",
      paginator: options.paginator ?? offsetPaginator({ limit: options.limit ?? 10 }),
      ...options.definition,
    },
    {},
  );
}

/** Every form of `secret` that would count as a leak: raw, URL-encoded both ways. */
export function leakForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)];
}

/** The first form of any of `secrets` found in `text`, or undefined: for `expect(...).toBeUndefined()` messages that say what leaked. */
export function findLeak(text: string, secrets: readonly string[] = [CANARY]): string | undefined {
  return secrets.flatMap(leakForms).find((form) => text.includes(form));
}

/** Every text an error exposes: message, stack, string form, JSON form, and its fields. */
export function errorTexts(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = Object.entries(error).map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return [error.message, error.stack ?? "", String(error), JSON.stringify(error), ...fields, error.cause === undefined ? "" : errorTexts(error.cause)].join("\n");
}
