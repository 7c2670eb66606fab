/** `endpoint.incremental` (reference §7): load only records newer than the last run's cursor. */
import { Type } from "@sinclair/typebox";
import { anyValue, definition, jsonPath, oneOrMany, strictObject, stringEnum, text } from "./schema-helpers.js";

export const IncrementalSchema = definition(
  "Incremental",
  strictObject(
    {
      cursor_path: jsonPath({
        title: "Cursor path",
        description: "JSONPath to the cursor field in each record (e.g. updated_at).",
      }),
      initial_value: Type.Optional(
        anyValue({ title: "Initial value", description: "Cursor value to start from on the first run." }),
      ),
      end_value: Type.Optional(
        anyValue({
          title: "End value",
          description: "Cursor value to stop at (backfill); nothing is remembered between runs when set.",
        }),
      ),
      start_param: Type.Optional(
        text({
          title: "Start query parameter",
          description: "Deprecated: query parameter set to the last cursor value. Prefer {incremental.start_value}.",
        }),
      ),
      end_param: Type.Optional(
        text({
          title: "End query parameter",
          description: "Deprecated: query parameter set to end_value. Prefer {incremental.end_value}.",
        }),
      ),
      last_value_func: Type.Optional(
        stringEnum(["max", "min"], {
          title: "Last value function",
          description: 'How the cursor advances: "max" (default, ascending cursors) or "min".',
        }),
      ),
      primary_key: Type.Optional(
        oneOrMany({
          title: "Deduplication key",
          description: "Columns identifying a record when de-duplicating records at the cursor boundary.",
        }),
      ),
      row_order: Type.Optional(
        stringEnum(["asc", "desc"], {
          title: "Row order",
          description: "Order of records by cursor, so extraction can stop early once out of range.",
        }),
      ),
      lag: Type.Optional(
        Type.Number({
          minimum: 0,
          title: "Lag",
          description: "Re-read this much behind the last cursor value (seconds for dates, units for numbers).",
        }),
      ),
      on_cursor_value_missing: Type.Optional(
        stringEnum(["raise", "include", "exclude"], {
          title: "On missing cursor",
          description: 'What to do with a record that lacks the cursor field. Default: "raise".',
        }),
      ),
      range_start: Type.Optional(
        stringEnum(["open", "closed"], {
          title: "Range start",
          description: 'Whether records equal to the start value are kept ("closed", default) or dropped ("open").',
        }),
      ),
      range_end: Type.Optional(
        stringEnum(["open", "closed"], {
          title: "Range end",
          description: 'Whether records equal to end_value are dropped ("open", default) or kept ("closed").',
        }),
      ),
      allow_external_schedulers: Type.Optional(
        Type.Boolean({
          title: "Allow external schedulers",
          description: "Let an external scheduler supply the time range.",
        }),
      ),
    },
    {
      title: "Incremental loading",
      description:
        "Load only new or changed records: the cursor is remembered between runs and available as {incremental.start_value} in path, params, json, data and headers.",
    },
  ),
);
