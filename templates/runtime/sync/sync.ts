import type { Destination, DestinationConnection } from "../destinations/destination.js";
import type { IncrementalState } from "../incremental.js";
import type { SourceState, StateStore } from "../state.js";
import { SyncError } from "../sync-error.js";
import { resolveDisposition } from "./disposition.js";
import { loadHashing, randomRowId } from "./hash.js";
import { normalizePath } from "./naming.js";
import { ResourceLoad, SchemaTables, type LoadMetadata } from "./resource-load.js";
import {
  createSystemTables,
  deleteSchemaHistory,
  readSchema,
  readState,
  schemaHash,
  stateHash,
  writeLoad,
  writeSchema,
  writeState,
  type PipelineState,
} from "./system-tables.js";
import type { KnownTable } from "./table-schema.js";

/** What `sync` needs of one resource; the generated connector builds these. */
export interface SyncResource {
  name: string;
  /** Fresh pages for the sync alone: it empties each page's `records` as it loads them. */
  pages(): AsyncIterable<{ records: unknown[] }>;
  metadata: LoadMetadata & { selected?: boolean };
  /** The cursor path of an incremental resource: where its state lives in dlt's state document. */
  incrementalCursor?: string | undefined;
  /** Tables derived from the record type at generation time. */
  tables?: readonly KnownTable[] | undefined;
}

export interface SyncSource {
  /** The connector's name: dlt's pipeline, source and schema name. */
  name: string;
  resources: readonly SyncResource[];
  /** The store the resources read their incremental state from; a sync fills it from the destination first. */
  state: StateStore;
}

/** Options of `source.sync(destination, options)`. */
export interface SyncOptions<ResourceName extends string = string> {
  /** The dataset (DuckDB or Postgres schema) to load into. Default `<connector name>_dataset`. */
  dataset?: string;
  /** Resources to load. Default: every selected resource. */
  resources?: readonly ResourceName[];
  /** Drops the connector's tables and state first, as dlt's `refresh="drop_sources"`. */
  fullRefresh?: boolean;
  /**
   * For `merge` resources read in full (not incremental): mark (`soft`, `_dlt_deleted_at`) or
   * remove (`hard`) rows whose primary key the run did not see. Default: the resource's `deletes`.
   */
  deletes?: "soft" | "hard";
  /**
   * How long to wait for another sync of the same dataset (or, on DuckDB, another process
   * holding the file) to finish; then the sync fails with `DatasetLockedError`. Default 30 s.
   */
  lockWaitMs?: number;
  /** Called after each page a resource loads. */
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Rows buffered (across a resource's tables) before they are bulk-loaded. Default 500: a
   * buffered row outlives the JS engine's young-generation collections, so larger batches make
   * it grow its young generation sooner and raise the process's peak memory.
   */
  batchRows?: number;
}

export interface SyncProgress {
  resource: string;
  records: number;
  pages: number;
  elapsedMs: number;
}

/** What one resource loaded. */
export interface ResourceSyncSummary {
  resource: string;
  disposition: string;
  /** Records read, each a row of the resource's root table. */
  rows: number;
  pages: number;
  /** The resource's tables: its root table, then its nested tables. */
  tables: string[];
  loadId: string;
  durationMs: number;
}

export interface SyncSummary<ResourceName extends string = string> {
  loadId: string;
  dataset: string;
  destination: string;
  durationMs: number;
  resources: (ResourceSyncSummary & { resource: ResourceName })[];
}

const STATE_ENGINE_VERSION = 4;

/** Our per-resource incremental state inside dlt's state document. */
function sourceStateFrom(state: PipelineState | undefined, source: SyncSource): SourceState {
  const result: SourceState = { resources: {} };
  const resources = (
    (state?.["sources"] as Record<string, unknown> | undefined)?.[source.name] as
      { resources?: Record<string, { incremental?: Record<string, IncrementalState> }> } | undefined
  )?.resources;
  for (const resource of source.resources) {
    const stored = resources?.[resource.name]?.incremental;
    const cursor = resource.incrementalCursor;
    const incremental = cursor === undefined ? undefined : stored?.[cursor];
    if (incremental)
      result.resources[resource.name] = {
        incremental: {
          last_value: incremental.last_value,
          unique_hashes: incremental.unique_hashes ?? [],
        },
      };
  }
  return result;
}

function pipelineStateFrom(
  previous: PipelineState | undefined,
  current: SourceState,
  source: SyncSource,
  dataset: string,
  destination: Destination,
): PipelineState {
  const resources: Record<string, { incremental: Record<string, IncrementalState> }> = {};
  for (const resource of source.resources) {
    const incremental = current.resources[resource.name]?.incremental;
    if (incremental && resource.incrementalCursor !== undefined)
      resources[resource.name] = { incremental: { [resource.incrementalCursor]: incremental } };
  }
  const content: Record<string, unknown> = {
    _state_engine_version: STATE_ENGINE_VERSION,
    pipeline_name: source.name,
    dataset_name: dataset,
    default_schema_name: source.name,
    schema_names: [source.name],
    destination_type: `dlt.destinations.${destination.dialect.name}`,
    destination_name: destination.dialect.name,
    sources: { [source.name]: { resources } },
  };
  const hash = stateHash(content);
  const version = (previous?._state_version ?? 0) + (previous?._version_hash === hash ? 0 : 1);
  return { ...content, _state_version: version, _version_hash: hash };
}

/** Which resources this sync loads, in the source's order (parents before children). */
function selectResources(source: SyncSource, names: readonly string[] | undefined): SyncResource[] {
  if (names === undefined)
    return source.resources.filter((resource) => resource.metadata.selected !== false);
  const known = new Set(source.resources.map((resource) => resource.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new Error(
      `unknown resource(s) ${unknown.map((name) => JSON.stringify(name)).join(", ")}; this source has ${[...known].join(", ")}`,
    );
  return source.resources.filter((resource) => names.includes(resource.name));
}

/** The full-read deletes mode that applies to `resource`, or undefined; a mode set on a resource where it cannot apply is an error. */
function deletesFor(
  resource: SyncResource,
  fromOptions: "soft" | "hard" | undefined,
): "soft" | "hard" | undefined {
  const requested = resource.metadata.deletes ?? fromOptions;
  if (requested === undefined) return undefined;
  const disposition = resolveDisposition(resource.metadata.writeDisposition, resource.name);
  const applies =
    disposition.kind === "merge" &&
    (disposition.strategy === "delete-insert" || disposition.strategy === "upsert") &&
    resource.incrementalCursor === undefined &&
    resource.metadata.primaryKey !== undefined;
  if (applies) return requested;
  if (resource.metadata.deletes !== undefined) {
    throw new SyncError(
      `"deletes" needs a merge (delete-insert or upsert) resource with a primary_key that is read in full (not incremental)`,
      resource.name,
    );
  }
  return undefined;
}

/**
 * Loads the selected resources of `source` into `destination` as one load: one
 * transaction holding every table's rows, the pipeline state and the `_dlt_loads`
 * row. A failure or a stop rolls it all back; the next sync starts from the last
 * completed load's state.
 */
export async function syncSource(
  destination: Destination,
  source: SyncSource,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const started = Date.now();
  await loadHashing();
  const maxLength = destination.dialect.maxIdentifierLength;
  const dataset = normalizePath(options.dataset ?? `${source.name}_dataset`, maxLength);
  const staging = normalizePath(`${dataset}_staging`, maxLength);
  const schemaName = normalizePath(source.name, maxLength);
  const resources = selectResources(source, options.resources);
  const loadId = String(started / 1000);
  const loadTime = new Date(started).toISOString();
  // Another sync holds either the whole database (a DuckDB file another process has open) or the dataset.
  const lockWaitMs = options.lockWaitMs ?? 30_000;
  const connection = await destination.connect({ waitMs: lockWaitMs, dataset });
  try {
    await connection.begin();
    await connection.lockDataset(dataset, { waitMs: lockWaitMs });
    const summary = await load(connection);
    await connection.commit();
    return summary;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    await connection.close();
  }

  async function load(connection: DestinationConnection): Promise<SyncSummary> {
    const { dialect } = connection;
    await connection.query(`CREATE SCHEMA IF NOT EXISTS ${dialect.quoteIdentifier(dataset)}`);
    await connection.query(`CREATE SCHEMA IF NOT EXISTS ${dialect.quoteIdentifier(staging)}`);
    await createSystemTables(connection, dataset);
    let stored = await readSchema(connection, dataset, schemaName);
    if (options.fullRefresh) {
      for (const table of stored?.tables ?? []) {
        for (const where of [dataset, staging])
          await connection.query(
            `DROP TABLE IF EXISTS ${dialect.qualify({ dataset: where, table: table.name })}`,
          );
      }
      await deleteSchemaHistory(connection, dataset, schemaName);
      stored = undefined;
    }
    const previousState = options.fullRefresh
      ? undefined
      : await readState(connection, dataset, source.name);
    await source.state.save(sourceStateFrom(previousState, source));

    const schema = new SchemaTables(stored?.tables ?? []);
    const summaries: ResourceSyncSummary[] = [];
    for (const resource of resources) {
      const resourceStarted = Date.now();
      const resourceLoad = new ResourceLoad(resource.name, resource.metadata, {
        connection,
        dataset,
        staging,
        loadId,
        loadTime,
        schema,
        knownTables: resource.tables ?? [],
        deletes: deletesFor(resource, options.deletes),
        batchRows: options.batchRows ?? 500,
      });
      let pages = 0;
      if (resourceLoad.disposition.kind !== "skip") {
        await resourceLoad.start();
        for await (const page of resource.pages()) {
          pages++;
          await resourceLoad.add(page.records);
          options.onProgress?.({
            resource: resource.name,
            records: resourceLoad.rows,
            pages,
            elapsedMs: Date.now() - resourceStarted,
          });
        }
      }
      const tables = resourceLoad.disposition.kind === "skip" ? [] : await resourceLoad.finish();
      const disposition =
        resourceLoad.disposition.kind === "merge"
          ? `merge (${resourceLoad.disposition.strategy})`
          : resourceLoad.disposition.kind;
      summaries.push({
        resource: resource.name,
        disposition,
        rows: resourceLoad.rows,
        pages,
        tables,
        loadId,
        durationMs: Date.now() - resourceStarted,
      });
    }

    const tables = [...schema.byName.values()].filter((table) => schema.created.has(table.name));
    const versionHash = schemaHash(tables);
    if (!stored || stored.versionHash !== versionHash) {
      await writeSchema(
        connection,
        dataset,
        schemaName,
        { version: (stored?.version ?? 0) + 1, versionHash, tables },
        loadTime,
      );
    }
    const state = pipelineStateFrom(
      previousState,
      await source.state.load(),
      source,
      dataset,
      destination,
    );
    if (!previousState || previousState._version_hash !== state._version_hash) {
      await writeState(connection, dataset, source.name, state, loadId, randomRowId(), loadTime);
    }
    await writeLoad(connection, dataset, loadId, schemaName, versionHash, loadTime);
    return {
      loadId,
      dataset,
      destination: destination.description,
      durationMs: Date.now() - started,
      resources: summaries,
    };
  }
}
