import type { HttpClient } from "./client.js";
import { ResponseShapeError } from "./errors.js";
import {
  CursorMissingError,
  startIncremental,
  type IncrementalOptions,
  type IncrementalRun,
} from "./incremental.js";
import { orderedConcurrently } from "./ordered-concurrency.js";
import { paginate } from "./paginate.js";
import type { PaginatorFactory } from "./paginators/paginator.js";
import {
  expandJson,
  expandQuery,
  expandString,
  PlaceholderError,
  type PlaceholderValues,
} from "./placeholders.js";
import { joinUrl, type JsonValue, type QueryValue, type RequestSpec } from "./request.js";
import { createIgnoreMatcher, type ResponseAction } from "./response-actions.js";
import { memoryStateStore, type StateStore } from "./state.js";
import { createThrottle } from "./throttle.js";

/** How to read one resource: the generated connector writes one of these per configured resource. */
export interface ResourceDefinition {
  name: string;
  baseUrl: string;
  /** May hold `{resources.<parent>.<field>}` and `{incremental.<value>}` placeholders, as may params, headers and json. */
  path: string;
  method: "GET" | "POST";
  params: Record<string, QueryValue>;
  headers: Record<string, string>;
  json?: { [key: string]: JsonValue } | undefined;
  /** A JSONPath to the records; absent: detected from the first response, as dlt does. */
  dataSelector?: string | undefined;
  paginator: PaginatorFactory;
  responseActions?: readonly ResponseAction[] | undefined;
  incremental?: IncrementalOptions | undefined;
  /** For a child resource: the parent whose records it is requested for, one request chain per parent record. */
  parent?: ParentLink | undefined;
  /** Why the resource cannot run (run-time values it needs were not given): thrown when it is read, before any request. */
  unavailable?: Error | undefined;
}

export interface ParentLink {
  name: string;
  records(): AsyncIterable<unknown>;
  /** Parent fields copied into each child record as `_<parent>_<field>`. */
  includeFromParent?: readonly string[] | undefined;
  /** Parent records whose children are fetched at once; output order stays the parents' order. Default 1. */
  concurrency?: number | undefined;
}

/** A record filter and map, applied in that order after the API's records are selected (dlt's processing_steps). */
export interface Transform<Row, Output = Row> {
  filter?: (record: Row) => boolean;
  map?: (record: Row) => Output;
}

/** One page of a resource: its records, and where it came from. */
export interface Page<Row> {
  records: Row[];
  /** 1 for the first page of a run; a child resource counts on across its parents. */
  number: number;
  /** The page's URL, secrets redacted. */
  url: string;
}

/**
 * A resource of a source: stream its records, or its pages. Only a few pages are in
 * memory at a time: the one being consumed and those requested ahead (`prefetch`, `pageConcurrency`).
 */
export interface Resource<Row> {
  readonly name: string;
  /** Every record, in the API's order; the next page is fetched while the records of this one are consumed. */
  records(): AsyncGenerator<Row, void, undefined>;
  /** Every page, in order. */
  pages(): AsyncGenerator<Page<Row>, void, undefined>;
}

export interface ResourceOptions<Row, Output> {
  /** Where incremental state is read and written; default: in memory, for this resource object only. */
  state?: StateStore | undefined;
  transform?: Transform<Row, Output> | undefined;
  /** Query params over the configured ones (`createSource({ params })`); an `undefined` value is ignored. */
  params?: object | undefined;
  /** Requests of one request chain in flight at once once the total is known (`offset`, `page_number`). Default 1. */
  pageConcurrency?: number | undefined;
  /** Pages requested ahead while the consumer works on one; 0 turns look-ahead off. Default 1. */
  prefetch?: number | undefined;
}

/**
 * Builds a resource over `client`. `Row` is the record type the generator derived
 * for this resource; the runtime trusts the API to honour it, as the spec says it does.
 */
export function createResource<Row, Metadata extends object, Output = Row>(
  client: HttpClient,
  definition: ResourceDefinition,
  metadata: Metadata,
  options: ResourceOptions<Row, Output> = {},
): Resource<Output> & Readonly<Metadata> {
  const store = options.state ?? memoryStateStore();
  const isIgnored = createIgnoreMatcher(definition.responseActions ?? []);
  const { filter, map } = options.transform ?? {};
  const overrides = Object.fromEntries(
    Object.entries(options.params ?? {}).filter(([, value]) => value !== undefined),
  ) as Record<string, QueryValue>;

  function requestFor(
    values: PlaceholderValues,
    incremental: IncrementalRun | undefined,
  ): RequestSpec {
    const query = expandQuery({ ...definition.params, ...overrides }, values);
    if (incremental && definition.incremental) {
      const { start_param, end_param } = definition.incremental;
      const { start_value, end_value } = incremental.values;
      if (start_param !== undefined && start_value !== null)
        query[start_param] = String(start_value);
      if (end_param !== undefined && end_value !== null) query[end_param] = String(end_value);
    }
    const headers = Object.fromEntries(
      Object.entries(definition.headers).map(([name, value]) => [
        name,
        expandString(value, values),
      ]),
    );
    return {
      method: definition.method,
      url: joinUrl(definition.baseUrl, expandString(definition.path, values, encodeURIComponent)),
      query,
      headers,
      json:
        definition.json === undefined
          ? undefined
          : (expandJson(definition.json, values) as { [key: string]: JsonValue }),
    };
  }

  async function* pages(): AsyncGenerator<Page<Output>, void, undefined> {
    if (definition.unavailable) throw definition.unavailable;
    const state = definition.incremental ? await store.load() : undefined;
    const incremental = definition.incremental
      ? startIncremental(definition.incremental, state?.resources[definition.name]?.incremental)
      : undefined;
    const parent = definition.parent;
    const parents: AsyncIterable<unknown> = parent ? parent.records() : single(undefined);
    let number = 0;
    let lastUrl = "";
    // Ends every request chain's requests when the run ends early; one brake for all of them.
    const stop = new AbortController();
    // The caller's abort reaches every request through the run's own signal (see paginate).
    const callerAborted = () => stop.abort();
    client.signal?.addEventListener("abort", callerAborted, { once: true });
    const throttle = createThrottle();
    const paging = {
      pageConcurrency: options.pageConcurrency,
      prefetch: options.prefetch,
      signal: stop.signal,
      throttle,
    };
    const chains = orderedConcurrently(parents, parent?.concurrency ?? 1, (parentRecord) => {
      const values: PlaceholderValues = {
        parent: parent ? { name: parent.name, record: parentRecord } : undefined,
        incremental: incremental?.values,
      };
      let request: RequestSpec;
      try {
        request = requestFor(values, incremental);
      } catch (error) {
        return failing(error);
      }
      return withParentFields(
        paginate(client, request, {
          resource: definition.name,
          paginator: definition.paginator(),
          dataSelector: definition.dataSelector,
          isIgnored,
          ...paging,
        }),
        parent,
        parentRecord,
      );
    });
    try {
      for await (const raw of chains) {
        number++;
        lastUrl = raw.url;
        const accepted = incremental
          ? raw.records.filter((record) => incremental.accepts(record))
          : raw.records;
        const kept = filter ? accepted.filter((record) => filter(record as Row)) : accepted;
        const records = (map ? kept.map((record) => map(record as Row)) : kept) as Output[];
        const deliver = incremental?.deliverable(accepted);
        yield { records, number, url: raw.url };
        // The consumer asked for more, so this page was delivered: only now may it move the incremental state.
        deliver?.();
      }
    } catch (error) {
      if (error instanceof PlaceholderError || error instanceof CursorMissingError) {
        throw new ResponseShapeError({
          resource: definition.name,
          url: lastUrl,
          page: number + 1,
          problem: error.message,
          bodyExcerpt: "",
        });
      }
      throw error;
    } finally {
      client.signal?.removeEventListener("abort", callerAborted);
      stop.abort();
    }
    const next = incremental?.state();
    if (state && next) {
      const latest = await store.load();
      latest.resources[definition.name] = {
        ...latest.resources[definition.name],
        incremental: next,
      };
      await store.save(latest);
    }
  }

  async function* records(): AsyncGenerator<Output, void, undefined> {
    for await (const page of pages()) {
      for (const record of page.records) {
        // A page is already in memory when the caller aborts: stop at the next record, not at the next page.
        client.throwIfAborted();
        yield record;
      }
    }
  }

  return { ...metadata, name: definition.name, pages, records };
}

async function* single<T>(value: T): AsyncGenerator<T> {
  yield value;
}

async function* failing(error: unknown): AsyncGenerator<never> {
  throw error;
}

/** Adds `_<parent>_<field>` for each `include_from_parent` field to every record of a child page. */
async function* withParentFields(
  source: AsyncIterable<{ records: unknown[]; url: string }>,
  parent: ParentLink | undefined,
  parentRecord: unknown,
): AsyncGenerator<{ records: unknown[]; url: string }> {
  const fields = parent?.includeFromParent ?? [];
  if (!parent || fields.length === 0) {
    yield* source;
    return;
  }
  const additions: Record<string, unknown> = {};
  for (const field of fields) {
    if (typeof parentRecord !== "object" || parentRecord === null || !(field in parentRecord)) {
      throw new PlaceholderError(
        `include_from_parent: the ${parent.name} record has no field "${field}"`,
      );
    }
    additions[`_${parent.name}_${field}`] = (parentRecord as Record<string, unknown>)[field];
  }
  for await (const page of source) {
    yield {
      ...page,
      records: page.records.map((record) => ({ ...(record as object), ...additions })),
    };
  }
}
