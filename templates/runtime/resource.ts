import type { HttpClient } from "./client.js";
import { createDataSelector } from "./data-selector.js";
import { detectDataSelector } from "./detect-data-selector.js";
import { ResponseShapeError } from "./errors.js";
import { PaginationError, type PaginatorFactory } from "./paginators/paginator.js";
import { joinUrl, type JsonValue, type QueryValue, type RequestSpec } from "./request.js";

/** How to read one resource: the generated connector writes one of these per configured resource. */
export interface ResourceDefinition {
  name: string;
  baseUrl: string;
  path: string;
  method: "GET" | "POST";
  params: Record<string, QueryValue>;
  headers: Record<string, string>;
  json?: { [key: string]: JsonValue } | undefined;
  /** A JSONPath to the records; absent: detected from the first response, as dlt does. */
  dataSelector?: string | undefined;
  paginator: PaginatorFactory;
}

/** One page of a resource: its records, and where it came from. */
export interface Page<Row> {
  records: Row[];
  /** 1 for the first page of a run. */
  number: number;
  /** The page's URL, secrets redacted. */
  url: string;
}

/** A resource of a source: stream its records, or its pages. One page is in memory at a time. */
export interface Resource<Row> {
  readonly name: string;
  /** Every record, in the API's order, fetching the next page only when the previous one is used up. */
  records(): AsyncGenerator<Row, void, undefined>;
  /** Every page, in order. */
  pages(): AsyncGenerator<Page<Row>, void, undefined>;
}

const EXCERPT_LENGTH = 200;

/**
 * Builds a resource over `client`. `Row` is the record type the generator derived
 * for this resource; the runtime trusts the API to honour it, as the spec says it does.
 */
export function createResource<Row, Metadata extends object>(
  client: HttpClient,
  definition: ResourceDefinition,
  metadata: Metadata,
): Resource<Row> & Readonly<Metadata> {
  const configuredSelector = definition.dataSelector === undefined ? undefined : createDataSelector(definition.dataSelector);

  async function* pages(): AsyncGenerator<Page<Row>, void, undefined> {
    const request: RequestSpec = {
      method: definition.method,
      url: joinUrl(definition.baseUrl, definition.path),
      query: { ...definition.params },
      headers: { ...definition.headers },
      json: definition.json === undefined ? undefined : structuredClone(definition.json),
    };
    const paginator = definition.paginator();
    let selectRecords = configuredSelector;
    paginator.initRequest(request);
    for (let number = 1; ; number++) {
      const response = await client.send(request, definition.name);
      const shapeError = (problem: string) =>
        new ResponseShapeError({
          resource: definition.name,
          url: response.url,
          page: number,
          problem,
          bodyExcerpt: client.redact(response.text.slice(0, EXCERPT_LENGTH)),
        });
      let body: unknown;
      try {
        body = response.text === "" ? null : JSON.parse(response.text);
      } catch {
        const contentType = response.headers.get("content-type") ?? "no content type";
        throw shapeError(`the response is not JSON (${contentType}): ${JSON.stringify(client.redact(response.text.slice(0, 80)))}`);
      }
      selectRecords ??= createDataSelector(detectDataSelector(body));
      const records = selectRecords(body);
      try {
        paginator.updateState({ body, headers: response.headers, url: request.url }, records);
        paginator.updateRequest(request);
      } catch (error) {
        if (error instanceof PaginationError) throw shapeError(error.message);
        throw error;
      }
      yield { records: records as Row[], number, url: response.url };
      if (!paginator.hasNextPage) return;
    }
  }

  async function* records(): AsyncGenerator<Row, void, undefined> {
    for await (const page of pages()) yield* page.records;
  }

  return { ...metadata, name: definition.name, pages, records };
}
