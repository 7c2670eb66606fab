import type { SqlDialect, SqlValue } from "../destinations/destination.js";
import type { Disposition } from "./disposition.js";
import { randomRowId } from "./hash.js";
import { DLT, type TableDefinition } from "./table-schema.js";

/**
 * The SQL that moves one resource's staged rows into its tables under `merge`, as dlt
 * runs it (§1.5–1.7): delete-insert, upsert, insert-only, scd2; plus our full-read deletes.
 * Every name is a quoted identifier; every value a bound parameter.
 */

export interface Statement {
  sql: string;
  params?: SqlValue[];
}

/** One root table with its nested tables, and the keys and hints that drive the merge. */
export interface TableChain {
  dialect: SqlDialect;
  dataset: string;
  staging: string;
  root: TableDefinition;
  /** Every table below the root, parents before children. */
  nested: readonly TableDefinition[];
  primaryKey: readonly string[];
  mergeKey: readonly string[];
  hardDelete?: { column: string; isBool: boolean } | undefined;
  dedupSort?: { column: string; order: "asc" | "desc" } | undefined;
  /**
   * Every `_dlt_id` of the load was made by the normalizer (no record brought its own): root ids
   * are then distinct, so nested ids, derived from parent id and position, are too, and
   * delete-insert copies nested rows without numbering them (a window over all staged nested
   * rows holds them in memory at once). Staging never keeps rows of an earlier load, which is
   * what dlt's nested dedup guards against.
   */
  generatedIds?: boolean | undefined;
  /**
   * The load's rows are in the tables themselves, not in staging: its root rows have this
   * `_dlt_load_id`, its nested rows their root's `_dlt_id` (`inPlaceDeleteInsertStatements`).
   */
  inPlaceLoadId?: string | undefined;
}

type Merge = Extract<Disposition, { kind: "merge" }>;

/** Quoting and naming for a chain's SQL: its tables, staged tables, columns, and the hard_delete test. */
export function chainSql(chain: TableChain) {
  const q = (name: string) => chain.dialect.quoteIdentifier(name);
  const final = (table: TableDefinition) =>
    chain.dialect.qualify({ dataset: chain.dataset, table: table.name });
  const staged = (table: TableDefinition) =>
    chain.dialect.qualify({ dataset: chain.staging, table: table.name });
  const columns = (table: TableDefinition, except: readonly string[] = []) =>
    table.columns.filter((column) => !except.includes(column.name)).map((column) => q(column.name));
  const notDeleted = (alias?: string) => {
    const hard = chain.hardDelete;
    if (!hard) return "1 = 1";
    const column = alias === undefined ? q(hard.column) : `${alias}.${q(hard.column)}`;
    return hard.isBool ? `(${column} IS NULL OR ${column} = FALSE)` : `${column} IS NULL`;
  };
  const temporary = (purpose: string) =>
    q(`${chain.root.name.slice(0, 40)}_${purpose}_${randomRowId().replace(/[^a-zA-Z0-9]/g, "")}`);
  /** Rows `d` and `s` share the primary key or the merge key (delete-insert's match). */
  const sameKeys = [chain.primaryKey, chain.mergeKey]
    .filter((keys) => keys.length > 0)
    .map((keys) => `(${keys.map((key) => `d.${q(key)} = s.${q(key)}`).join(" AND ")})`)
    .join(" OR ");
  return { q, final, staged, columns, notDeleted, temporary, sameKeys };
}

/**
 * Deletes the root rows `where` selects (as `d`) and their nested rows, through a temporary
 * table of the deleted roots' ids.
 */
function deleteWithNested(chain: TableChain, where: string, params: SqlValue[] = []): Statement[] {
  const { q, final, temporary } = chainSql(chain);
  const { root, nested } = chain;
  if (nested.length === 0)
    return [{ sql: `DELETE FROM ${final(root)} AS d WHERE ${where}`, params }];
  const deleted = temporary("delete");
  return [
    {
      sql: `CREATE TEMPORARY TABLE ${deleted} AS SELECT d.${q(DLT.id)} FROM ${final(root)} AS d WHERE ${where}`,
      params,
    },
    ...[...nested].reverse().map((table) => ({
      sql: `DELETE FROM ${final(table)} WHERE ${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${deleted})`,
    })),
    {
      sql: `DELETE FROM ${final(root)} WHERE ${q(DLT.id)} IN (SELECT ${q(DLT.id)} FROM ${deleted})`,
    },
    { sql: `DROP TABLE ${deleted}` },
  ];
}

/** `ROW_NUMBER()` numbering of `source` rows per `partition`, ordered by the dedup_sort hint if any. */
function numbered(source: string, partition: string[], order: string, columns: string[]): string {
  return `(SELECT ROW_NUMBER() OVER (PARTITION BY ${partition.join(", ")} ORDER BY ${order}) AS _dlt_dedup_rn, ${columns.join(", ")} FROM ${source}) AS _dlt_dedup_numbered`;
}

export function mergeStatements(
  chain: TableChain,
  disposition: Merge,
  boundary: string,
): Statement[] {
  switch (disposition.strategy) {
    case "delete-insert":
      return deleteInsert(chain, disposition.deduplicated);
    case "upsert":
    case "insert-only":
      return upsert(chain, disposition.strategy === "insert-only");
    case "scd2":
      return scd2(chain, disposition, boundary);
  }
}

function deleteInsert(chain: TableChain, deduplicated: boolean): Statement[] {
  const { q, final, staged, columns, notDeleted, temporary, sameKeys } = chainSql(chain);
  const { root, nested, primaryKey, mergeKey } = chain;
  const rootColumns = columns(root);
  if (primaryKey.length === 0 && mergeKey.length === 0) {
    // dlt: without keys, delete-insert is a staged append.
    return [root, ...nested].map((table) => ({
      sql: `INSERT INTO ${final(table)} (${columns(table).join(", ")}) SELECT ${columns(table).join(", ")} FROM ${staged(table)}`,
    }));
  }
  const exists = `EXISTS (SELECT 1 FROM ${staged(root)} AS s WHERE ${sameKeys})`;
  const order = chain.dedupSort
    ? `${q(chain.dedupSort.column)} ${chain.dedupSort.order === "desc" ? "DESC" : "ASC"}`
    : "(SELECT NULL)";
  const dedup = primaryKey.length > 0 && !deduplicated;
  const statements = deleteWithNested(chain, exists);
  if (nested.length === 0) {
    const source = dedup
      ? numbered(staged(root), primaryKey.map(q), order, rootColumns)
      : staged(root);
    statements.push({
      sql: `INSERT INTO ${final(root)} (${rootColumns.join(", ")}) SELECT ${rootColumns.join(", ")} FROM ${source} WHERE ${dedup ? "_dlt_dedup_rn = 1 AND " : ""}${notDeleted()}`,
    });
    return statements;
  }
  const inserted = temporary("insert");
  const keyColumns = [
    q(DLT.id),
    ...(chain.hardDelete ? [q(chain.hardDelete.column)] : []),
    ...(chain.dedupSort ? [q(chain.dedupSort.column)] : []),
  ];
  const insertSource = dedup
    ? numbered(staged(root), primaryKey.map(q), order, [...new Set(keyColumns)])
    : staged(root);
  statements.push({
    sql: `CREATE TEMPORARY TABLE ${inserted} AS SELECT ${q(DLT.id)} FROM ${insertSource} WHERE ${dedup ? "_dlt_dedup_rn = 1 AND " : ""}${notDeleted()}`,
  });
  statements.push({
    sql: `INSERT INTO ${final(root)} (${rootColumns.join(", ")}) SELECT ${rootColumns.join(", ")} FROM ${staged(root)} WHERE ${q(DLT.id)} IN (SELECT ${q(DLT.id)} FROM ${inserted})`,
  });
  for (const table of nested) {
    // Nested rows are deduplicated by _dlt_id, as dlt does, unless their ids are known distinct.
    const tableColumns = columns(table);
    const source = chain.generatedIds
      ? `${staged(table)} WHERE`
      : `${numbered(staged(table), [q(DLT.id)], "(SELECT NULL)", tableColumns)} WHERE _dlt_dedup_rn = 1 AND`;
    statements.push({
      sql: `INSERT INTO ${final(table)} (${tableColumns.join(", ")}) SELECT ${tableColumns.join(", ")} FROM ${source} ${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${inserted})`,
    });
  }
  statements.push({ sql: `DROP TABLE ${inserted}` });
  return statements;
}

/**
 * delete-insert with the load's rows already in the tables (`inPlaceLoadId`): rows of earlier
 * loads that share a primary or merge key with one of them go, with their nested rows, as
 * `deleteInsert` deletes them. The load's rows must need nothing else: distinct keys, nothing
 * flagged by hard_delete, generated ids (random, so never an earlier row's).
 */
export function inPlaceDeleteInsertStatements(
  chain: TableChain & { inPlaceLoadId: string },
): Statement[] {
  const { q, final, sameKeys } = chainSql(chain);
  // dlt: without keys, delete-insert is an append.
  if (chain.primaryKey.length === 0 && chain.mergeKey.length === 0) return [];
  const loadId = q(DLT.loadId);
  return deleteWithNested(
    chain,
    `d.${loadId} <> $1 AND EXISTS (SELECT 1 FROM ${final(chain.root)} AS s WHERE s.${loadId} = $1 AND (${sameKeys}))`,
    [chain.inPlaceLoadId],
  );
}

/** upsert (and insert-only): `MERGE INTO` on the primary key; nested rows by their `_dlt_id`. Staged duplicates are dropped first. */
function upsert(chain: TableChain, insertOnly: boolean): Statement[] {
  const { q, final, staged, columns, notDeleted } = chainSql(chain);
  const { root, nested, primaryKey } = chain;
  if (primaryKey.length === 0)
    throw new Error(
      `table "${root.name}": the ${insertOnly ? "insert-only" : "upsert"} merge strategy needs a primary key`,
    );
  const merge = (
    table: TableDefinition,
    keys: string[],
    withDeletes: boolean,
    onlyInsert: boolean,
  ): Statement => {
    const tableColumns = columns(table);
    const source = numbered(staged(table), keys.map(q), "(SELECT NULL)", tableColumns);
    const on = keys.map((key) => `d.${q(key)} = s.${q(key)}`).join(" AND ");
    // insert-only never deletes: a flagged record is only kept from being inserted.
    const deleted =
      withDeletes && !onlyInsert && chain.hardDelete
        ? ` WHEN MATCHED AND NOT (${notDeleted("s")}) THEN DELETE`
        : "";
    const update = onlyInsert
      ? ""
      : ` WHEN MATCHED THEN UPDATE SET ${tableColumns.map((column) => `${column} = s.${column}`).join(", ")}`;
    const insertCondition = withDeletes && chain.hardDelete ? ` AND ${notDeleted("s")}` : "";
    return {
      sql: `MERGE INTO ${final(table)} AS d USING (SELECT ${tableColumns.join(", ")} FROM ${source} WHERE _dlt_dedup_rn = 1) AS s ON ${on}${deleted}${update} WHEN NOT MATCHED${insertCondition} THEN INSERT (${tableColumns.join(", ")}) VALUES (${tableColumns.map((column) => `s.${column}`).join(", ")})`,
    };
  };
  if (insertOnly) return insertOnlyStatements(chain, merge(root, [...primaryKey], true, true));
  const statements = [merge(root, [...primaryKey], true, false)];
  for (const table of nested) {
    statements.push(merge(table, [DLT.id], false, false));
    // A list that shrank leaves rows the new record no longer has.
    statements.push({
      sql: `DELETE FROM ${final(table)} WHERE ${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${staged(root)}) AND ${q(DLT.id)} NOT IN (SELECT ${q(DLT.id)} FROM ${staged(table)})`,
    });
    if (chain.hardDelete) {
      statements.push({
        sql: `DELETE FROM ${final(table)} WHERE ${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${staged(root)} WHERE NOT (${notDeleted()}))`,
      });
    }
  }
  return statements;
}

/**
 * insert-only: records whose key is new are inserted with their nested rows; existing rows are
 * never updated or deleted, and a record flagged by the hard_delete hint is not inserted. The
 * nested rows go first, while the root table still tells which records are new.
 */
function insertOnlyStatements(chain: TableChain, rootMerge: Statement): Statement[] {
  const { q, final, staged, columns, notDeleted } = chainSql(chain);
  const statements: Statement[] = [];
  for (const table of chain.nested) {
    const tableColumns = columns(table);
    statements.push({
      sql: `INSERT INTO ${final(table)} (${tableColumns.join(", ")}) SELECT ${tableColumns.join(", ")} FROM ${numbered(staged(table), [q(DLT.id)], "(SELECT NULL)", tableColumns)} WHERE _dlt_dedup_rn = 1 AND ${q(DLT.rootId)} IN (SELECT ${q(DLT.id)} FROM ${staged(chain.root)} WHERE ${notDeleted()}) AND ${q(DLT.rootId)} NOT IN (SELECT ${q(DLT.id)} FROM ${final(chain.root)})`,
    });
  }
  statements.push(rootMerge);
  return statements;
}

/** scd2: retire current rows the load no longer has, insert new versions; nested rows are insert-only. */
function scd2(chain: TableChain, disposition: Merge, boundary: string): Statement[] {
  const { q, final, staged, columns } = chainSql(chain);
  const { root, nested, mergeKey } = chain;
  const [from, to] = disposition.validityColumns;
  const timestamp = `CAST($1 AS ${chain.dialect.columnType("timestamp")})`;
  const active = disposition.activeRecordTimestamp;
  const isActive =
    active === undefined
      ? `${q(to)} IS NULL`
      : `${q(to)} = CAST($2 AS ${chain.dialect.columnType("timestamp")})`;
  const activeParams: SqlValue[] = active === undefined ? [boundary] : [boundary, active];
  const mergeKeyFilter =
    mergeKey.length === 0
      ? ""
      : ` AND ${mergeKey.length === 1 ? q(mergeKey[0]!) : `CONCAT(${mergeKey.map(q).join(", ")})`} IN (SELECT ${mergeKey.length === 1 ? q(mergeKey[0]!) : `CONCAT(${mergeKey.map(q).join(", ")})`} FROM ${staged(root)})`;
  const rootColumns = columns(root, [from, to]);
  const statements: Statement[] = [
    {
      sql: `UPDATE ${final(root)} SET ${q(to)} = ${timestamp} WHERE ${isActive} AND ${q(DLT.id)} NOT IN (SELECT ${q(DLT.id)} FROM ${staged(root)})${mergeKeyFilter}`,
      params: activeParams,
    },
    {
      sql: `INSERT INTO ${final(root)} (${[...rootColumns, q(from), q(to)].join(", ")}) SELECT ${rootColumns.join(", ")}, ${timestamp}, ${active === undefined ? "NULL" : `CAST($2 AS ${chain.dialect.columnType("timestamp")})`} FROM ${numbered(staged(root), [q(DLT.id)], "(SELECT NULL)", rootColumns)} WHERE _dlt_dedup_rn = 1 AND ${q(DLT.id)} NOT IN (SELECT ${q(DLT.id)} FROM ${final(root)} WHERE ${isActive})`,
      params: activeParams,
    },
  ];
  for (const table of nested) {
    const tableColumns = columns(table);
    statements.push({
      sql: `INSERT INTO ${final(table)} (${tableColumns.join(", ")}) SELECT ${tableColumns.join(", ")} FROM ${numbered(staged(table), [q(DLT.id)], "(SELECT NULL)", tableColumns)} WHERE _dlt_dedup_rn = 1 AND ${q(DLT.id)} NOT IN (SELECT ${q(DLT.id)} FROM ${final(table)})`,
    });
  }
  return statements;
}

/**
 * Full-read deletes (ours, not dlt's): rows whose primary key the complete run did not
 * see are removed (`hard`, nested rows with them) or marked with `_dlt_deleted_at` (`soft`).
 */
export function fullReadDeleteStatements(
  chain: TableChain,
  mode: "soft" | "hard",
  loadTime: string,
): Statement[] {
  const { q, final, staged } = chainSql(chain);
  const { root, nested, primaryKey, inPlaceLoadId } = chain;
  const sameKey = primaryKey.map((key) => `s.${q(key)} = d.${q(key)}`).join(" AND ");
  // What the run saw: its staged rows, or its own rows in the table (the load id bound last).
  const loadIdParam = chain.dialect.placeholder(mode === "soft" ? 2 : 1);
  const unseen =
    inPlaceLoadId === undefined
      ? `NOT EXISTS (SELECT 1 FROM ${staged(root)} AS s WHERE ${sameKey})`
      : `d.${q(DLT.loadId)} <> ${loadIdParam} AND NOT EXISTS (SELECT 1 FROM ${final(root)} AS s WHERE s.${q(DLT.loadId)} = ${loadIdParam} AND ${sameKey})`;
  const loadIdParams = inPlaceLoadId === undefined ? [] : [inPlaceLoadId];
  if (mode === "soft") {
    return [
      {
        sql: `UPDATE ${final(root)} AS d SET ${q(DLT.deletedAt)} = CAST($1 AS ${chain.dialect.columnType("timestamp")}) WHERE d.${q(DLT.deletedAt)} IS NULL AND ${unseen}`,
        params: [loadTime, ...loadIdParams],
      },
    ];
  }
  const statements: Statement[] = [];
  const hasRootKey = (table: TableDefinition) =>
    table.columns.some((column) => column.name === DLT.rootId);
  for (const table of [...nested].reverse()) {
    if (!hasRootKey(table)) continue;
    statements.push({
      sql: `DELETE FROM ${final(table)} WHERE ${q(DLT.rootId)} IN (SELECT d.${q(DLT.id)} FROM ${final(root)} AS d WHERE ${unseen})`,
      params: loadIdParams,
    });
  }
  statements.push({ sql: `DELETE FROM ${final(root)} AS d WHERE ${unseen}`, params: loadIdParams });
  return statements;
}
