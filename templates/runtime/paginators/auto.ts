import { JsonPathSyntaxError } from "../json-path.js";
import { detectPaginator, type DetectedPaginatorType } from "./detect.js";
import { PaginationError, type Paginator } from "./paginator.js";

/**
 * dlt paginator `type: "auto"`, and what runs when no paginator is configured
 * (reference §3.0 step d and §3.9): the first request goes out as configured;
 * the first response picks the paginator (see `detect.ts`), which then decides
 * everything, stop conditions included. As in dlt the detected paginator is never
 * `initRequest`-ed, so a detected `page_number` sends no page on the first
 * request and `page=1` on the second.
 */
export type AutoPaginatorOptions = Record<string, never>;

export interface AutoPaginator extends Paginator {
  /** The dlt `type` picked from the first response; `undefined` until it arrives. */
  readonly detected: DetectedPaginatorType | undefined;
}

export function autoPaginator(_options: AutoPaginatorOptions = {}): () => AutoPaginator {
  return () => {
    let detected: DetectedPaginatorType | undefined;
    let delegate: Paginator | undefined;
    return {
      get detected() {
        return detected;
      },
      get hasNextPage() {
        return delegate?.hasNextPage ?? true;
      },
      initRequest() {},
      updateState(response, records) {
        if (delegate === undefined) {
          try {
            const found = detectPaginator(response);
            delegate = found.factory();
            detected = found.type;
          } catch (error) {
            // The detected path is the keys joined with dots, which is no valid JSONPath when a key has e.g. a space.
            if (error instanceof JsonPathSyntaxError) {
              throw new PaginationError(
                `cannot use the paginator detected from the first response: ${error.message}; configure the paginator explicitly`,
              );
            }
            throw error;
          }
        }
        delegate.updateState(response, records);
      },
      updateRequest(request) {
        delegate?.updateRequest(request);
      },
    };
  };
}
