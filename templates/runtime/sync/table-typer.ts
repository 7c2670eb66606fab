import type { DataType, SqlValue } from "../destinations/destination.js";
import { coerce, inferType } from "./data-types.js";
import { joinPath } from "./naming.js";
import type { ColumnDefinition, TableDefinition } from "./table-schema.js";

/** A value that fits neither its column nor a variant of it, or a null where the column allows none. */
export class ColumnTypeError extends Error {
  override name = "ColumnTypeError";
}

/**
 * Fits normalized rows into one table's columns, as dlt's normalizer does: a new key adds
 * a column typed from its first non-null value (or from the record type, when the generator
 * knew it), a value that does not fit its column goes to `<column>__v_<type>`. New columns
 * are collected for the loader to add before the rows that need them.
 */
export class TableTyper {
  private readonly byName: Map<string, ColumnDefinition>;
  /** Each column's position in `table.columns`, which only ever grows at its end. */
  private readonly positions: Map<string, number>;
  private readonly added: ColumnDefinition[] = [];

  readonly table: TableDefinition;
  /** Column types the record type or `columns` hints give, by column name. */
  private readonly hintedTypes: ReadonlyMap<string, { type: DataType; nullable: boolean }>;
  private readonly maxIdentifierLength: number | undefined;
  /** Key columns: NOT NULL even when the record type does not say so (dlt's key hints). */
  private readonly keyColumns: readonly string[];

  constructor(
    table: TableDefinition,
    hintedTypes: ReadonlyMap<string, { type: DataType; nullable: boolean }> = new Map(),
    maxIdentifierLength?: number,
    keyColumns: readonly string[] = [],
  ) {
    this.table = table;
    this.hintedTypes = hintedTypes;
    this.maxIdentifierLength = maxIdentifierLength;
    this.keyColumns = keyColumns;
    this.byName = new Map(table.columns.map((column) => [column.name, column]));
    this.positions = new Map(table.columns.map((column, index) => [column.name, index]));
  }

  /** Columns added since the last call, in order, removed from the list. */
  takeNewColumns(): ColumnDefinition[] {
    return this.added.splice(0, this.added.length);
  }

  private addColumn(column: ColumnDefinition): void {
    this.positions.set(column.name, this.table.columns.length);
    this.table.columns.push(column);
    this.byName.set(column.name, column);
    this.added.push(column);
  }

  /**
   * The row's values, typed, at their columns' positions in `table.columns`; columns it lacks
   * (and columns added after it) are left empty and load as NULL. An array, not a map by name:
   * a load fits every row, and the rows are bulk-loaded in this column order as they are.
   */
  fit(values: Record<string, unknown>): (SqlValue | undefined)[] {
    // Sized once (a column the row adds extends it): growing it value by value reallocates it.
    const row = new Array<SqlValue | undefined>(this.table.columns.length);
    const positions = this.positions;
    // for-in, not Object.keys: the normalizer's rows have only own keys, and this runs per row.
    for (const name in values) {
      const value = values[name];
      let column = this.byName.get(name);
      if (value === null || value === undefined) {
        if (column === undefined) continue;
        if (!column.nullable)
          throw new ColumnTypeError(
            `table "${this.table.name}": column "${name}" is NOT NULL but the record has null`,
          );
        row[positions.get(name)!] = null;
        continue;
      }
      if (column === undefined) {
        const hint = this.hintedTypes.get(name);
        column = {
          name,
          type: hint?.type ?? inferType(value),
          nullable: this.keyColumns.includes(name) ? false : (hint?.nullable ?? true),
        };
        this.addColumn(column);
      }
      const fitted = coerce(value, column.type);
      if (fitted !== undefined) {
        row[positions.get(name)!] = fitted;
        continue;
      }
      if (column.variant)
        throw new ColumnTypeError(
          `table "${this.table.name}": ${JSON.stringify(value)} fits neither variant column "${name}" nor a variant of it`,
        );
      const variantType = inferType(value, false);
      const variantName = joinPath([name, `v_${variantType}`], this.maxIdentifierLength);
      let variant = this.byName.get(variantName);
      if (variant === undefined) {
        variant = { name: variantName, type: variantType, nullable: true, variant: true };
        this.addColumn(variant);
      }
      const inVariant = coerce(value, variant.type);
      if (inVariant === undefined)
        throw new ColumnTypeError(
          `table "${this.table.name}": ${JSON.stringify(value)} does not fit column "${variantName}"`,
        );
      row[positions.get(variantName)!] = inVariant;
    }
    for (let index = 0; index < this.table.columns.length; index++) {
      const column = this.table.columns[index]!;
      if (!column.nullable && row[index] === undefined) {
        throw new ColumnTypeError(
          `table "${this.table.name}": the record has no value for NOT NULL column "${column.name}"`,
        );
      }
    }
    return row;
  }
}
