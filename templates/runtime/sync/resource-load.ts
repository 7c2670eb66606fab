import type {
  DataType,
  DestinationConnection,
  SqlRow,
  SqlValue,
  TableRef,
} from "../destinations/destination.js";
import { SyncError } from "../sync-error.js";
import { resolveDisposition, type Disposition } from "./disposition.js";
import {
  chainSql,
  fullReadDeleteStatements,
  inPlaceDeleteInsertStatements,
  mergeStatements,
  type Statement,
  type TableChain,
} from "./merge-sql.js";
import { normalizePath } from "./naming.js";
import { createNormalizer, type Emit, type RootIdKind } from "./normalizer.js";
import {
  DLT,
  type ColumnDefinition,
  type KnownTable,
  type TableDefinition,
} from "./table-schema.js";
import { TableTyper } from "./table-typer.js";

/** dlt column hints a config's `columns` may give. */
export interface ColumnHint {
  data_type?: string;
  nullable?: boolean;
  hard_delete?: boolean;
  dedup_sort?: "asc" | "desc";
}

/** How a resource loads: its metadata as the generator emitted it. */
export interface LoadMetadata {
  tableName: string;
  primaryKey?: string | readonly string[] | undefined;
  mergeKey?: string | readonly string[] | undefined;
  writeDisposition?: unknown;
  columns?: { readonly [column: string]: ColumnHint } | undefined;
  maxTableNesting?: number | undefined;
  deletes?: "soft" | "hard" | undefined;
}

/** Every table a load has touched, shared by the resources of one sync: the schema it writes back. */
export class SchemaTables {
  readonly byName: Map<string, TableDefinition>;
  /** Tables the database has (created before this load, or by it). */
  readonly created = new Set<string>();
  changed = false;

  constructor(stored: readonly TableDefinition[]) {
    this.byName = new Map(stored.map((table) => [table.name, table]));
    for (const table of stored) this.created.add(table.name);
  }

  /** A resource's root table and its nested tables, parents first. */
  chain(resource: string): TableDefinition[] {
    const tables = [...this.byName.values()].filter((table) => table.resource === resource);
    const depth = (table: TableDefinition): number =>
      table.parent === undefined
        ? 0
        : 1 + depth(this.byName.get(table.parent) ?? { name: "", resource, columns: [] });
    return tables.sort((a, b) => depth(a) - depth(b));
  }
}

const DLT_COLUMN_TYPES: ReadonlyMap<string, { type: DataType; nullable: boolean }> = new Map([
  [DLT.loadId, { type: "text", nullable: false }],
  [DLT.id, { type: "text", nullable: false }],
  [DLT.rootId, { type: "text", nullable: false }],
  [DLT.parentId, { type: "text", nullable: false }],
  [DLT.listIndex, { type: "bigint", nullable: false }],
]);

const DATA_TYPES = new Set<DataType>([
  "text",
  "bigint",
  "double",
  "decimal",
  "bool",
  "timestamp",
  "date",
  "time",
  "json",
  "binary",
]);

function keyList(key: string | readonly string[] | undefined): readonly string[] {
  return key === undefined ? [] : typeof key === "string" ? [key] : key;
}

export interface ResourceLoadOptions {
  connection: DestinationConnection;
  dataset: string;
  staging: string;
  loadId: string;
  /** ISO time of the load: scd2 boundary, soft-delete mark. */
  loadTime: string;
  schema: SchemaTables;
  /** Tables the generator derived from the record type, for column types and order before data arrives. */
  knownTables: readonly KnownTable[];
  /** Full-read deletes for this resource, already checked to apply. */
  deletes: "soft" | "hard" | undefined;
  /** Rows buffered across tables before they are bulk-loaded. */
  batchRows: number;
}

/**
 * Loads one resource's records into its table chain inside the sync's transaction:
 * normalize, type, buffer, bulk-load in batches (creating and widening tables on the
 * way), then apply the write disposition.
 */
export class ResourceLoad {
  readonly disposition: Disposition;
  private readonly root: string;
  private readonly primaryKey: readonly string[];
  private readonly mergeKey: readonly string[];
  private readonly typers = new Map<string, TableTyper>();
  /** Fitted rows by table, values at their column positions (`TableTyper.fit`). */
  private readonly buffers = new Map<string, (SqlValue | undefined)[][]>();
  private buffered = 0;
  private readonly normalize: ReturnType<typeof createNormalizer>;
  /**
   * A merge loading straight into its tables (`start` decides): into tables that were empty
   * (any strategy but scd2), or in place, next to the rows it replaces (delete-insert). `finish`
   * checks the loaded rows need nothing of what the merge SQL does to staged rows; when they
   * do, or a record brings its own `_dlt_id`, they move to staging and merge as usual.
   */
  private direct: "empty" | "in-place" | undefined;

  /** A merge's rows go to `<dataset>_staging`, to be merged at the end, unless it loads `direct`. */
  private get staged(): boolean {
    return this.disposition.kind === "merge" && this.direct === undefined;
  }
  /** A record brought its own `_dlt_id`: ids may repeat, so the merge deduplicates nested rows. */
  private ownIds = false;
  rows = 0;

  private readonly resource: string;
  private readonly metadata: LoadMetadata;
  private readonly options: ResourceLoadOptions;

  constructor(resource: string, metadata: LoadMetadata, options: ResourceLoadOptions) {
    this.resource = resource;
    this.metadata = metadata;
    this.options = options;
    const maxLength = options.connection.dialect.maxIdentifierLength;
    this.disposition = resolveDisposition(metadata.writeDisposition, resource);
    this.root = normalizePath(metadata.tableName, maxLength);
    this.primaryKey = keyList(metadata.primaryKey).map((key) => normalizePath(key, maxLength));
    this.mergeKey = keyList(metadata.mergeKey).map((key) => normalizePath(key, maxLength));
    const merge = this.disposition.kind === "merge" ? this.disposition : undefined;
    let rootId: RootIdKind = "random";
    if (merge?.strategy === "upsert" || merge?.strategy === "insert-only") rootId = "key_hash";
    if (merge?.strategy === "scd2" && merge.rowVersionColumn === undefined) rootId = "row_hash";
    const jsonColumns = new Set(
      Object.entries(metadata.columns ?? {})
        .filter(([, hint]) => hint.data_type === "json")
        .map(([name]) => normalizePath(name, maxLength)),
    );
    this.normalize = createNormalizer({
      table: this.root,
      maxNesting: metadata.maxTableNesting,
      rootId,
      primaryKey: this.primaryKey,
      rootKey: merge !== undefined && merge.strategy !== "scd2",
      loadId: options.loadId,
      isJson: (table, column) => table === this.root && jsonColumns.has(column),
      maxIdentifierLength: maxLength,
    });
    if (
      (merge?.strategy === "upsert" || merge?.strategy === "insert-only") &&
      this.primaryKey.length === 0
    ) {
      throw new SyncError(`the ${merge.strategy} merge strategy needs a primary_key`, resource);
    }
  }

  private get connection(): DestinationConnection {
    return this.options.connection;
  }

  private ref(table: string, staging = false): TableRef {
    return { dataset: staging ? this.options.staging : this.options.dataset, table };
  }

  private async run(statements: readonly Statement[]): Promise<void> {
    for (const statement of statements)
      await this.connection.query(statement.sql, statement.params ?? []);
  }

  /** Before the first record: empties the tables `replace` fills, prepares staging tables for `merge`. */
  async start(): Promise<void> {
    const chain = this.options.schema
      .chain(this.resource)
      .filter((table) => this.options.schema.created.has(table.name));
    if (this.disposition.kind === "replace") {
      // In the load's transaction: readers keep the old rows until the new ones commit.
      for (const table of [...chain].reverse())
        await this.connection.query(
          `DELETE FROM ${this.connection.dialect.qualify(this.ref(table.name))}`,
        );
    }
    if (this.staged) this.direct = await this.directLoad(chain);
    if (this.staged) for (const table of chain) await this.createStaging(table);
    if (this.options.deletes === "soft") {
      const root = this.options.schema.byName.get(this.root);
      if (
        root &&
        this.options.schema.created.has(this.root) &&
        !root.columns.some((column) => column.name === DLT.deletedAt)
      ) {
        await this.addColumns(root, [{ name: DLT.deletedAt, type: "timestamp", nullable: true }]);
      }
    }
  }

  /**
   * Whether this merge loads straight into its tables, sparing a copy of every row through
   * staging: into empty tables when the strategy leaves the loaded rows as they are there (not
   * scd2, which fills validity columns); in place for delete-insert, whose old rows are told
   * from the load's own by `_dlt_load_id` and `_dlt_root_id` (random ids, never theirs).
   */
  private async directLoad(chain: readonly TableDefinition[]): Promise<typeof this.direct> {
    if (this.disposition.kind !== "merge" || this.disposition.strategy === "scd2") return undefined;
    for (const table of chain) {
      const rows = await this.connection.query(
        `SELECT 1 AS found FROM ${this.connection.dialect.qualify(this.ref(table.name))} LIMIT 1`,
      );
      if (rows.length > 0)
        return this.disposition.strategy === "delete-insert" ? "in-place" : undefined;
    }
    return "empty";
  }

  private columnDefinition(column: ColumnDefinition): string {
    const { dialect } = this.connection;
    return `${dialect.quoteIdentifier(column.name)} ${dialect.columnType(column.type)}${column.nullable ? "" : " NOT NULL"}`;
  }

  private async createStaging(table: TableDefinition): Promise<void> {
    const ref = this.connection.dialect.qualify(this.ref(table.name, true));
    await this.connection.query(`DROP TABLE IF EXISTS ${ref}`);
    // Staging columns are all nullable: merge-filled columns (scd2 validity, soft deletes) have no staged value.
    await this.connection.query(
      `CREATE TABLE ${ref} (${table.columns.map((column) => this.columnDefinition({ ...column, nullable: true })).join(", ")})`,
    );
  }

  private async addColumns(
    table: TableDefinition,
    columns: readonly ColumnDefinition[],
  ): Promise<void> {
    const { dialect } = this.connection;
    for (const column of columns) {
      if (!table.columns.includes(column)) table.columns.push(column);
      await this.connection.query(
        `ALTER TABLE ${dialect.qualify(this.ref(table.name))} ADD COLUMN ${this.columnDefinition(column)}`,
      );
      if (this.staged)
        await this.connection.query(
          `ALTER TABLE ${dialect.qualify(this.ref(table.name, true))} ADD COLUMN ${this.columnDefinition({ ...column, nullable: true })}`,
        );
    }
    this.options.schema.changed = true;
  }

  /** The typer of a table, creating its definition on first sight (from the generator's, when known). */
  private typer(table: string, parent: string | undefined): TableTyper {
    let typer = this.typers.get(table);
    if (typer) return typer;
    const schema = this.options.schema;
    let definition = schema.byName.get(table);
    const known = this.options.knownTables.find((candidate) => candidate.name === table);
    // The generator names columns without a length limit: one longer than this database keeps is left
    // to the normalizer, which shortens the record's own key as dlt does (Postgres: 63).
    const knownColumns =
      known?.columns.filter(
        (column) => column.name.length <= this.connection.dialect.maxIdentifierLength,
      ) ?? [];
    if (!definition) {
      // A table the generator knew is created with all its columns, in its order, before data shows them.
      // The normalizer's own columns come with the first row, after any field the record type left open:
      // dlt's order (data columns, then `_dlt_load_id`, `_dlt_id`) even where the type knows no fields.
      definition = {
        name: table,
        ...(parent === undefined ? {} : { parent }),
        resource: this.resource,
        columns: knownColumns
          .filter((column) => !DLT_COLUMN_TYPES.has(column.name))
          .map((column) => ({ ...column })),
      };
      if (
        !known &&
        table === this.root &&
        this.disposition.kind === "merge" &&
        this.disposition.strategy === "scd2"
      ) {
        const [from, to] = this.disposition.validityColumns;
        definition.columns.push(
          { name: from, type: "timestamp", nullable: true },
          { name: to, type: "timestamp", nullable: true },
        );
      }
      schema.byName.set(table, definition);
      schema.changed = true;
    }
    const hints = new Map(DLT_COLUMN_TYPES);
    for (const column of knownColumns)
      hints.set(column.name, { type: column.type, nullable: column.nullable });
    if (table === this.root) {
      for (const [name, hint] of Object.entries(this.metadata.columns ?? {})) {
        const column = normalizePath(name, this.connection.dialect.maxIdentifierLength);
        const previous = hints.get(column);
        const type =
          hint.data_type !== undefined && DATA_TYPES.has(hint.data_type as DataType)
            ? (hint.data_type as DataType)
            : previous?.type;
        if (type !== undefined)
          hints.set(column, { type, nullable: hint.nullable ?? previous?.nullable ?? true });
      }
      for (const key of [...this.primaryKey, ...this.mergeKey]) {
        const previous = hints.get(key);
        if (previous) hints.set(key, { ...previous, nullable: false });
      }
    }
    typer = new TableTyper(
      definition,
      hints,
      this.connection.dialect.maxIdentifierLength,
      table === this.root ? [...this.primaryKey, ...this.mergeKey] : [],
    );
    this.typers.set(table, typer);
    return typer;
  }

  /**
   * Normalizes one page's records into the buffers; loads them when enough are buffered. Each
   * record is taken out of `records` as it is normalized (the page is the sync's alone): one
   * the page still held would outlive the JS engine's young-generation collections while the
   * rest of the page is worked on, and records surviving them make it grow that generation.
   */
  async add(records: unknown[]): Promise<void> {
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      records[index] = undefined;
      this.rows++;
      this.normalize(record, this.buffer);
      if (this.buffered >= this.options.batchRows) await this.flush();
    }
  }

  /** Fits one normalized row and buffers it (bound once, not a closure per record). */
  private readonly buffer: Emit = (table, parent, values, ownId) => {
    if (parent === undefined) {
      for (const key of this.primaryKey) {
        const value = values[key];
        if (value === null || value === undefined)
          throw new SyncError(
            `record ${this.rows} has no value for primary key "${key}"`,
            this.resource,
          );
      }
    }
    if (ownId) this.ownIds = true;
    const fitted = this.typer(table, parent).fit(values);
    let buffer = this.buffers.get(table);
    if (!buffer) this.buffers.set(table, (buffer = []));
    buffer.push(fitted);
    this.buffered++;
  };

  /** Creates or widens each buffered table, then bulk-loads its rows: parents first, one batch per table. */
  async flush(): Promise<void> {
    const { dialect } = this.connection;
    // Ids a record brought may be an earlier load's: its rows could no longer be told from this load's.
    if (this.direct !== undefined && this.ownIds) await this.moveToStaging();
    for (const [table, rows] of this.buffers) {
      if (rows.length === 0) continue;
      const typer = this.typers.get(table)!;
      const definition = typer.table;
      const added = typer.takeNewColumns();
      if (!this.options.schema.created.has(table)) {
        if (
          table === this.root &&
          this.options.deletes === "soft" &&
          !definition.columns.some((column) => column.name === DLT.deletedAt)
        ) {
          definition.columns.push({ name: DLT.deletedAt, type: "timestamp", nullable: true });
        }
        await this.connection.query(
          `CREATE TABLE ${dialect.qualify(this.ref(table))} (${definition.columns.map((column) => this.columnDefinition(column)).join(", ")})`,
        );
        if (this.staged) await this.createStaging(definition);
        this.options.schema.created.add(table);
        this.options.schema.changed = true;
      } else if (added.length > 0) {
        await this.addColumns(definition, added);
      }
      // Columns a row lacks, or that were added after it was fitted, load as NULL.
      const width = definition.columns.length;
      for (const row of rows)
        for (let index = 0; index < width; index++) if (row[index] === undefined) row[index] = null;
      await this.connection.bulkLoad(
        this.ref(table, this.staged),
        definition.columns,
        single(rows as SqlRow[]),
      );
      // Emptied, not dropped: a dropped buffer that lived long enough to reach V8's old generation
      // would still keep the next rows alive through young-generation collections, and with them
      // the pages they came from (a sync's heap doubled that way).
      rows.length = 0;
    }
    this.buffered = 0;
  }

  /** After the last record: loads what is buffered, then merges staged rows and applies full-read deletes. */
  async finish(): Promise<string[]> {
    await this.flush();
    const schema = this.options.schema;
    const chainTables = schema
      .chain(this.resource)
      .filter((table) => schema.created.has(table.name));
    const rootTable = schema.byName.get(this.root);
    if (this.disposition.kind === "merge" && rootTable && schema.created.has(this.root)) {
      const chain: TableChain = {
        dialect: this.connection.dialect,
        dataset: this.options.dataset,
        staging: this.options.staging,
        root: rootTable,
        nested: chainTables.filter((table) => table !== rootTable),
        primaryKey: this.primaryKey,
        mergeKey: this.mergeKey,
        hardDelete: this.hintedColumn("hard_delete", rootTable),
        dedupSort: this.dedupSort(),
        generatedIds: !this.ownIds,
      };
      if (this.direct !== undefined && !(await this.loadedAsMerged(chain)))
        await this.moveToStaging();
      if (this.direct === "in-place") {
        const inPlace = { ...chain, inPlaceLoadId: this.options.loadId };
        await this.run(inPlaceDeleteInsertStatements(inPlace));
        if (this.options.deletes)
          await this.run(
            fullReadDeleteStatements(inPlace, this.options.deletes, this.options.loadTime),
          );
      }
      // Loaded into empty tables, the rows are what the merge leaves, and every row was seen.
      if (this.direct !== undefined) return chainTables.map((table) => table.name);
      await this.run(
        mergeStatements(
          chain,
          this.disposition,
          this.disposition.boundaryTimestamp ?? this.options.loadTime,
        ),
      );
      if (this.options.deletes)
        await this.run(
          fullReadDeleteStatements(chain, this.options.deletes, this.options.loadTime),
        );
      for (const table of chainTables)
        await this.connection.query(
          `DROP TABLE IF EXISTS ${this.connection.dialect.qualify(this.ref(table.name, true))}`,
        );
    }
    return chainTables.map((table) => table.name);
  }

  /**
   * Whether the rows this load put straight into the tables are already what the merge would
   * make of them: no primary key twice, no record flagged by a hard_delete hint. (Records that
   * brought their own `_dlt_id` moved the load to staging before they were loaded.)
   */
  private async loadedAsMerged(chain: TableChain): Promise<boolean> {
    const { q, final, notDeleted } = chainSql(chain);
    const loaded = `${final(chain.root)} WHERE ${q(DLT.loadId)} = $1`;
    const params = [this.options.loadId];
    if (chain.primaryKey.length > 0) {
      const keys = chain.primaryKey.map(q).join(", ");
      const repeated = await this.connection.query(
        `SELECT 1 AS found FROM ${loaded} GROUP BY ${keys} HAVING COUNT(*) > 1 LIMIT 1`,
        params,
      );
      if (repeated.length > 0) return false;
    }
    if (chain.hardDelete) {
      const flagged = await this.connection.query(
        `SELECT 1 AS found FROM ${loaded} AND NOT (${notDeleted()}) LIMIT 1`,
        params,
      );
      if (flagged.length > 0) return false;
    }
    return true;
  }

  /**
   * Moves the rows this load put straight into the tables to staging (its root rows by
   * `_dlt_load_id`, nested rows by their root's id) and loads the rest there: the merge then
   * makes of them what it always does.
   */
  private async moveToStaging(): Promise<void> {
    const { dialect } = this.connection;
    const schema = this.options.schema;
    const tables = schema.chain(this.resource).filter((table) => schema.created.has(table.name));
    const q = (name: string) => dialect.quoteIdentifier(name);
    const stagedRoot = dialect.qualify(this.ref(this.root, true));
    for (const table of tables) {
      await this.createStaging(table);
      const columns = table.columns.map((column) => q(column.name)).join(", ");
      const final = dialect.qualify(this.ref(table.name));
      const loaded =
        table.name === this.root
          ? `${q(DLT.loadId)} = $1`
          : `${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${stagedRoot})`;
      const params = table.name === this.root ? [this.options.loadId] : [];
      await this.connection.query(
        `INSERT INTO ${dialect.qualify(this.ref(table.name, true))} (${columns}) SELECT ${columns} FROM ${final} WHERE ${loaded}`,
        params,
      );
      await this.connection.query(`DELETE FROM ${final} WHERE ${loaded}`, params);
    }
    this.direct = undefined;
  }

  private hintedColumn(
    hint: "hard_delete",
    root: TableDefinition,
  ): { column: string; isBool: boolean } | undefined {
    const entry = Object.entries(this.metadata.columns ?? {}).find(
      ([, value]) => value[hint] === true,
    );
    if (!entry) return undefined;
    const column = normalizePath(entry[0], this.connection.dialect.maxIdentifierLength);
    const definition = root.columns.find((candidate) => candidate.name === column);
    if (!definition) return undefined;
    return { column, isBool: definition.type === "bool" };
  }

  private dedupSort(): { column: string; order: "asc" | "desc" } | undefined {
    const entry = Object.entries(this.metadata.columns ?? {}).find(
      ([, value]) => value.dedup_sort !== undefined,
    );
    if (!entry || this.primaryKey.length === 0) return undefined;
    return {
      column: normalizePath(entry[0], this.connection.dialect.maxIdentifierLength),
      order: entry[1].dedup_sort === "asc" ? "asc" : "desc",
    };
  }
}

async function* single<T>(value: T): AsyncGenerator<T> {
  yield value;
}
