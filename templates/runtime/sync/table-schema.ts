import type { ColumnSchema } from "../destinations/destination.js";

/**
 * The tables a source loads, as dlt's schema describes them: the generator derives
 * them from the record types, and a sync extends them as data shows new columns.
 */

/** A column with the dlt hints a sync acts on. */
export interface ColumnDefinition extends ColumnSchema {
  /** A `<column>__v_<type>` column holding the values that did not fit `<column>`. */
  variant?: boolean;
}

export interface TableDefinition {
  /** Normalized, e.g. `issues__labels`. */
  name: string;
  /** The table whose rows this one's `_dlt_parent_id` points at; absent on a root table. */
  parent?: string;
  /** The resource whose records fill the table (and its nested tables). */
  resource: string;
  columns: ColumnDefinition[];
}

/** dlt's column names. */
export const DLT = {
  loadId: "_dlt_load_id",
  id: "_dlt_id",
  rootId: "_dlt_root_id",
  parentId: "_dlt_parent_id",
  listIndex: "_dlt_list_idx",
  validFrom: "_dlt_valid_from",
  validTo: "_dlt_valid_to",
  deletedAt: "_dlt_deleted_at",
} as const;

/** A table as the generator derived it from a record type (the connector's `tables` constant). */
export interface KnownTable {
  readonly name: string;
  readonly parent?: string;
  readonly resource: string;
  readonly columns: readonly {
    readonly name: string;
    readonly type: ColumnSchema["type"];
    readonly nullable: boolean;
  }[];
}
