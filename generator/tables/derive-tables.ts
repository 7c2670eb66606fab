/**
 * The tables a resource loads, derived from its record schema the way the runtime's
 * normalizer lays records out (dlt's relational normalizer): nested objects flattened
 * into `a__b` columns, lists into `<table>__<field>` tables, `max_table_nesting` honoured,
 * dlt's types and nullability from the schema. Fields the schema leaves open (free-form
 * objects, untyped values) have no column here: a sync adds them as data shows them.
 */
import type { ResourceModel } from "../model.js";
import type { DataType } from "../../templates/runtime/destinations/destination.js";
import { joinPath, normalizePath } from "../../templates/runtime/sync/naming.js";
import { DLT, type ColumnDefinition, type TableDefinition } from "../../templates/runtime/sync/table-schema.js";
import { requiredProperties } from "../types/column-hints.js";
import { dereference, isJsonObject } from "../types/json-pointer.js";
import { isArraySchema, itemsSchema, objectProperties } from "../types/schema-shape.js";

/** Whether a value of `schema` may be null (3.0 `nullable`, 2.0 `x-nullable`, 3.1 `"null"` types, null branches or enum values). */
function acceptsNull(document: unknown, schema: unknown, seen = new Set<unknown>()): boolean {
  const node = dereference(document, schema);
  if (!isJsonObject(node) || seen.has(node)) return false;
  seen.add(node);
  if (node["nullable"] === true || node["x-nullable"] === true || node["type"] === "null") return true;
  if (Array.isArray(node["type"]) && node["type"].includes("null")) return true;
  if (Array.isArray(node["enum"]) && node["enum"].includes(null)) return true;
  return [node["oneOf"], node["anyOf"]].some((branches) => Array.isArray(branches) && branches.some((branch) => acceptsNull(document, branch, seen)));
}

/** The schema's one non-null JSON type, or undefined when it allows several or does not say. */
function jsonType(document: unknown, schema: unknown): string | undefined {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return undefined;
  const type = node["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const types = type.filter((candidate) => candidate !== "null");
    return types.length === 1 && typeof types[0] === "string" ? types[0] : undefined;
  }
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    const branches = node[key];
    if (Array.isArray(branches)) {
      const types = new Set(branches.map((branch) => jsonType(document, branch)).filter((candidate) => candidate !== undefined && candidate !== "null"));
      if (types.size === 1) return [...types][0];
    }
  }
  return undefined;
}

/** dlt's type for a scalar schema: integer → bigint, number → double, date-time strings → timestamp, … */
function scalarType(document: unknown, schema: unknown): DataType | undefined {
  const node = dereference(document, schema);
  switch (jsonType(document, schema)) {
    case "integer":
      return "bigint";
    case "number":
      return "double";
    case "boolean":
      return "bool";
    case "string": {
      const format = isJsonObject(node) ? node["format"] : undefined;
      return format === "date-time" ? "timestamp" : format === "date" ? "date" : "text";
    }
    default:
      return undefined;
  }
}

/** The object schema a node stands for, through `$ref`s and one-branch wrappers (`allOf: [$ref]`, a nullable `oneOf`). */
function schemaIdentity(document: unknown, schema: unknown): unknown {
  let node = dereference(document, schema);
  for (let depth = 0; depth < 16 && isJsonObject(node); depth++) {
    const branches = [node["allOf"], node["oneOf"], node["anyOf"]].find(Array.isArray);
    const nonNull = branches?.filter((branch) => !(isJsonObject(branch) && branch["type"] === "null"));
    if (nonNull?.length !== 1) break;
    node = dereference(document, nonNull[0]);
  }
  return node;
}

export interface DeriveOptions {
  /** The destination's identifier limit; names over it are shortened as the runtime shortens them. */
  maxIdentifierLength?: number;
}

/** The tables of one resource, root first then nested tables parents first; `[]` when its record has no known object schema. */
export function deriveTables(document: unknown, recordSchema: unknown, resource: ResourceModel, options: DeriveOptions = {}): TableDefinition[] {
  const maxLength = options.maxIdentifierLength;
  if (objectProperties(document, recordSchema) === undefined) return [];
  const disposition = resource.writeDisposition;
  const kind = typeof disposition === "string" ? disposition : isJsonObject(disposition) ? disposition["disposition"] : "append";
  const strategy = isJsonObject(disposition) && typeof disposition["strategy"] === "string" ? disposition["strategy"] : "delete-insert";
  const merge = kind === "merge";
  const rootKey = merge && strategy !== "scd2";
  const keys = new Set(
    [resource.primaryKey, resource.mergeKey].flatMap((key) => (key === undefined ? [] : typeof key === "string" ? [key] : key)).map((key) => normalizePath(key, maxLength)),
  );
  const jsonHints = new Set(
    Object.entries(resource.columns ?? {})
      .filter(([, hint]) => hint.data_type === "json")
      .map(([name]) => normalizePath(name, maxLength)),
  );
  const rootName = normalizePath(resource.tableName, maxLength);
  const tables: TableDefinition[] = [];
  const join = (parts: string[]) => joinPath(parts, maxLength);

  /**
   * Adds the columns of an object schema to `columns`, and its lists as nested tables (after this table).
   * `enclosing` holds the object schemas this one sits in: a schema that contains itself (a status
   * reblogging a status) has no fixed layout, so from its second appearance on, its columns come from the data.
   */
  function flatten(
    table: string,
    schema: unknown,
    prefix: string | undefined,
    level: number,
    optional: boolean,
    columns: ColumnDefinition[],
    lists: (() => void)[],
    enclosing: ReadonlySet<unknown>,
  ): void {
    const node = schemaIdentity(document, schema);
    if (enclosing.has(node)) return;
    const inside = new Set(enclosing).add(node);
    const properties = objectProperties(document, schema) ?? new Map<string, unknown>();
    const required = requiredProperties(document, schema);
    for (const [key, property] of properties) {
      const column = prefix === undefined ? normalizePath(key, maxLength) : join([prefix, normalizePath(key, maxLength)]);
      const nullable = optional || !required.has(key) || acceptsNull(document, property);
      const isJsonHint = table === rootName && jsonHints.has(column);
      if (level > 0 && !isJsonHint) {
        if (jsonType(document, property) === "object" || (jsonType(document, property) === undefined && objectProperties(document, property)?.size)) {
          flatten(table, property, column, level - 1, nullable, columns, lists, inside);
          continue;
        }
        if (isArraySchema(document, property)) {
          lists.push(() => nestedTable(join([table, column]), table, itemsSchema(document, property), level - 1, inside));
          continue;
        }
      }
      const type = isJsonHint || isArraySchema(document, property) || jsonType(document, property) === "object" ? "json" : scalarType(document, property);
      // A value the schema leaves open gets its column from the data.
      if (type === undefined) continue;
      columns.push({ name: column, type, nullable: nullable && !(table === rootName && keys.has(column)) });
    }
  }

  function nestedTable(name: string, parent: string, items: unknown, level: number, enclosing: ReadonlySet<unknown>): void {
    const columns: ColumnDefinition[] = [];
    const lists: (() => void)[] = [];
    if (objectProperties(document, items) !== undefined && !isArraySchema(document, items)) {
      if (enclosing.has(schemaIdentity(document, items))) return;
      flatten(name, items, undefined, level, false, columns, lists, enclosing);
    } else if (isArraySchema(document, items)) {
      // A list in a list: a row with a `list` column, one level deeper.
      flatten(name, { type: "object", properties: { list: items }, required: ["list"] }, undefined, level - 1, false, columns, lists, enclosing);
    } else {
      const type = scalarType(document, items);
      if (type !== undefined) columns.push({ name: "value", type, nullable: acceptsNull(document, items) });
    }
    if (rootKey) columns.push({ name: DLT.rootId, type: "text", nullable: false });
    columns.push({ name: DLT.parentId, type: "text", nullable: false }, { name: DLT.listIndex, type: "bigint", nullable: false }, { name: DLT.id, type: "text", nullable: false });
    tables.push({ name, parent, resource: resource.name, columns });
    for (const list of lists) list();
  }

  const columns: ColumnDefinition[] = [];
  if (merge && strategy === "scd2") {
    const names = isJsonObject(disposition) && Array.isArray(disposition["validity_column_names"]) ? disposition["validity_column_names"].map(String) : [DLT.validFrom, DLT.validTo];
    for (const name of names) columns.push({ name, type: "timestamp", nullable: true });
  }
  const lists: (() => void)[] = [];
  flatten(rootName, recordSchema, undefined, resource.maxTableNesting ?? 1000, false, columns, lists, new Set());
  columns.push({ name: DLT.loadId, type: "text", nullable: false }, { name: DLT.id, type: "text", nullable: false });
  if (merge && resource.deletes === "soft") columns.push({ name: DLT.deletedAt, type: "timestamp", nullable: true });
  tables.push({ name: rootName, resource: resource.name, columns });
  for (const list of lists) list();
  return tables;
}
