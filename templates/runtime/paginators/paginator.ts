import type { RequestSpec } from "../request.js";

/** What a paginator may look at after each page: the parsed body, the headers and the records found in it. */
export interface PageResponse {
  body: unknown;
  headers: Headers;
  /** The URL of the page, as sent (with secrets), for resolving relative next links. */
  url: string;
}

/**
 * dlt's paginator protocol, as a state machine owned by one resource run:
 * `initRequest` once before the first page, then after every page
 * `updateState` and `updateRequest`, and another page while `hasNextPage`.
 * Each paginator type is one file that implements it and owns its stop conditions.
 */
export interface Paginator {
  initRequest(request: RequestSpec): void;
  updateState(response: PageResponse, records: readonly unknown[]): void;
  updateRequest(request: RequestSpec): void;
  readonly hasNextPage: boolean;
}

/** Makes a fresh paginator for each run, so runs never share state. */
export type PaginatorFactory = () => Paginator;

/** A paginator's own complaint about a response, e.g. a missing total; the resource adds where it happened. */
export class PaginationError extends Error {
  override name = "PaginationError";
}
