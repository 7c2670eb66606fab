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
  /**
   * The request of the page `ahead` pages after the next one (`ahead` >= 1), given the
   * next one, when the paginator can already tell it and that page exists as far as it
   * knows (a range whose end the first response gave); else `undefined`. Such pages
   * may be fetched at once; they are still handed over in order, and the paginator
   * still decides, page by page, where paging ends.
   */
  requestAhead?(next: RequestSpec, ahead: number): RequestSpec | undefined;
}

/** Makes a fresh paginator for each run, so runs never share state. */
export type PaginatorFactory = () => Paginator;

/** A paginator's own complaint about a response, e.g. a missing total; the resource adds where it happened. */
export class PaginationError extends Error {
  override name = "PaginationError";
}
