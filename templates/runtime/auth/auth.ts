import type { RequestSpec } from "../request.js";

/**
 * Puts a credential on each outgoing request of a resource, every page and
 * every retry included. One file per dlt auth `type` implements it.
 */
export interface Auth {
  apply(request: RequestSpec, signal?: AbortSignal): void | Promise<void>;
}
