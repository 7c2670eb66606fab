import { randomRowId, shortHash } from "./hash.js";
import { joinPath, normalizePath } from "./naming.js";
import { DLT } from "./table-schema.js";

/**
 * dlt's relational normalizer: one record becomes a row of its table, nested objects
 * flattened into `parent__child` columns, and a row in a nested table `<table>__<field>`
 * per list element, linked by `_dlt_parent_id` and `_dlt_list_idx` (and `_dlt_root_id`
 * under merge). Values stay as the API sent them; typing happens per table afterwards.
 */

/** How a root row's `_dlt_id` is made: random, a hash of the primary key (upsert), or of the whole record (scd2). */
export type RootIdKind = "random" | "key_hash" | "row_hash";

export interface NormalizerOptions {
  /** The root table, normalized. */
  table: string;
  /** dlt's `max_table_nesting`: objects and lists deeper than this are stored as JSON. Default 1000. */
  maxNesting?: number | undefined;
  rootId: RootIdKind;
  /** Normalized primary key columns, for `key_hash` ids. */
  primaryKey?: readonly string[] | undefined;
  /** Copy the root's `_dlt_id` into every nested row as `_dlt_root_id` (merge). */
  rootKey: boolean;
  loadId: string;
  /** Columns typed `json` by hints are never flattened: `isJson(table, column)`. */
  isJson?: ((table: string, column: string) => boolean) | undefined;
  maxIdentifierLength?: number | undefined;
}

/**
 * Receives each row: its table, its parent table (nested rows), its values by column, and whether
 * the record brought the row's `_dlt_id` itself (kept, as dlt keeps it). Parts, not an object per
 * row: a sync normalizes rows by the million.
 */
export type Emit = (
  table: string,
  parent: string | undefined,
  values: Record<string, unknown>,
  ownId: boolean,
) => void;

const VALUE_COLUMN = "value";
const LIST_COLUMN = "list";

interface NestedList {
  table: string;
  items: unknown[];
  level: number;
}

/** Normalizes `name` once per distinct key: records repeat the same keys. */
function createNameCache(maxLength: number | undefined): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let name = cache.get(key);
    if (name === undefined) {
      name = normalizePath(key, maxLength);
      if (cache.size < 100_000) cache.set(key, name);
    }
    return name;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date)
  );
}

/** JSON with sorted keys and no spaces, as dlt hashes it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  if (typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "null";
}

/** Creates the normalizer of one resource; call it with each record, in order. */
export function createNormalizer(
  options: NormalizerOptions,
): (record: unknown, emit: Emit) => void {
  const nameOf = createNameCache(options.maxIdentifierLength);
  const maxNesting = options.maxNesting ?? 1000;
  const isJson = options.isJson ?? (() => false);
  const join = (parts: string[]) => joinPath(parts, options.maxIdentifierLength);

  /** `<table>__<column>` of each list, joined once: every record repeats them. */
  const listTables = new Map<string, Map<string, string>>();
  function listTable(table: string, column: string): string {
    let byColumn = listTables.get(table);
    if (!byColumn) listTables.set(table, (byColumn = new Map()));
    let name = byColumn.get(column);
    if (name === undefined) byColumn.set(column, (name = join([table, column])));
    return name;
  }

  /** Flattens `object` into `row` under `prefix`, collecting its lists for nested tables (`lists` made on the first). */
  function flatten(
    table: string,
    object: Record<string, unknown>,
    prefix: string | undefined,
    level: number,
    row: Record<string, unknown>,
    lists: NestedList[] | undefined,
  ): NestedList[] | undefined {
    // for-in, not Object.keys: no array of keys per object. JSON objects have only own keys.
    for (const key in object) {
      if (!hasOwn.call(object, key)) continue;
      const value = object[key];
      if (value === undefined) continue;
      const column = prefix === undefined ? nameOf(key) : join([prefix, nameOf(key)]);
      if (level > 0 && !isJson(table, column)) {
        if (isPlainObject(value)) {
          lists = flatten(table, value, column, level - 1, row, lists);
          continue;
        }
        if (Array.isArray(value)) {
          if (value.length > 0)
            (lists ??= []).push({
              table: listTable(table, column),
              items: value,
              level: level - 1,
            });
          continue;
        }
      }
      row[column] = value;
    }
    return lists;
  }

  function emitLists(
    parentTable: string,
    parentId: string,
    rootId: string,
    lists: NestedList[],
    emit: Emit,
  ): void {
    for (const list of lists) {
      for (let index = 0; index < list.items.length; index++) {
        const item = list.items[index];
        const row: Record<string, unknown> = {};
        let nested: NestedList[] | undefined;
        if (isPlainObject(item))
          nested = flatten(list.table, item, undefined, list.level, row, undefined);
        else if (Array.isArray(item)) {
          // A list in a list is a row with a `list` column, one level deeper (dlt's layout).
          const wrapped = { [LIST_COLUMN]: item };
          nested = flatten(list.table, wrapped, undefined, list.level - 1, row, undefined);
        } else row[VALUE_COLUMN] = item;
        const existing = row[DLT.id];
        const ownId = typeof existing === "string";
        const id = ownId ? existing : shortHash(`${parentId}_${list.table}_${index}`, 10);
        if (options.rootKey) row[DLT.rootId] = rootId;
        row[DLT.parentId] = parentId;
        row[DLT.listIndex] = index;
        row[DLT.id] = id;
        emit(list.table, parentTable, row, ownId);
        if (nested !== undefined) emitLists(list.table, id, rootId, nested, emit);
      }
    }
  }

  function rootIdOf(record: Record<string, unknown>, row: Record<string, unknown>): string {
    const existing = row[DLT.id];
    if (typeof existing === "string") return existing;
    switch (options.rootId) {
      case "random":
        return randomRowId();
      case "key_hash": {
        const key: Record<string, unknown> = {};
        for (const column of options.primaryKey ?? []) key[column] = row[column];
        return shortHash(canonicalJson(key), 10);
      }
      case "row_hash": {
        const content: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(record))
          if (!name.startsWith("_dlt")) content[name] = value;
        return shortHash(canonicalJson(content), 10);
      }
    }
  }

  return (record, emit) => {
    const object = isPlainObject(record) ? record : { [VALUE_COLUMN]: record };
    const row: Record<string, unknown> = {};
    const lists = flatten(options.table, object, undefined, maxNesting, row, undefined);
    const ownId = typeof row[DLT.id] === "string";
    const id = rootIdOf(object, row);
    if (ownId) delete row[DLT.id];
    row[DLT.loadId] = options.loadId;
    row[DLT.id] = id;
    emit(options.table, undefined, row, ownId);
    if (lists !== undefined) emitLists(options.table, id, id, lists, emit);
  };
}
