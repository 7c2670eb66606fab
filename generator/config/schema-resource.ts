/** Resources (reference §1.2, §2.3): what to extract, and the table hints dlt passes through. */
import { Type, type TProperties } from "@sinclair/typebox";
import { definition, freeObject, oneOrMany, strictObject, stringEnum, text } from "./schema-helpers.js";
import { EndpointOrPathSchema } from "./schema-endpoint.js";

const MERGE_STRATEGIES = ["delete-insert", "upsert", "scd2", "insert-only"] as const;

const dispositionDoc = {
  title: "Write disposition",
  description: 'How loaded records are written: "append" (default), "replace", "merge" or "skip".',
};

export const WriteDispositionSchema = definition(
  "WriteDisposition",
  Type.Union(
    [
      stringEnum(["append", "replace", "merge", "skip"], dispositionDoc),
      strictObject(
        {
          disposition: stringEnum(["merge"], { title: "Disposition", description: "Merge into existing rows." }),
          strategy: Type.Optional(
            stringEnum(MERGE_STRATEGIES, {
              title: "Merge strategy",
              description: '"delete-insert" (default), "upsert" (needs primary_key), "scd2" or "insert-only".',
            }),
          ),
          deduplicated: Type.Optional(
            Type.Boolean({ title: "Deduplicated", description: "delete-insert: de-duplicate rows by primary key." }),
          ),
          validity_column_names: Type.Optional(
            Type.Array(Type.String({ minLength: 1, title: "Column", description: "A validity column name." }), {
              minItems: 2,
              maxItems: 2,
              title: "Validity columns",
              description: 'scd2: the [from, to] column names. Default: ["_dlt_valid_from", "_dlt_valid_to"].',
            }),
          ),
          active_record_timestamp: Type.Optional(
            Type.String({
              title: "Active record timestamp",
              description: "scd2: the 'valid to' value of current rows.",
            }),
          ),
          boundary_timestamp: Type.Optional(
            Type.String({ title: "Boundary timestamp", description: "scd2: the time the load takes effect." }),
          ),
          row_version_column_name: Type.Optional(
            text({ title: "Row version column", description: "scd2: column holding the row hash." }),
          ),
        },
        { title: "Merge disposition", description: "Merge with a strategy and its options." },
      ),
      strictObject(
        {
          disposition: stringEnum(["append", "replace", "skip"], {
            title: "Disposition",
            description: "How loaded records are written.",
          }),
        },
        { title: "Simple disposition", description: "A disposition without options." },
      ),
    ],
    dispositionDoc,
  ),
);

const contractMode = (title: string) =>
  stringEnum(["evolve", "discard_value", "freeze", "discard_row"], {
    title,
    description: '"evolve" (default), "freeze", "discard_row" or "discard_value".',
  });

export const SchemaContractSchema = definition(
  "SchemaContract",
  Type.Union(
    [
      contractMode("Schema contract"),
      strictObject(
        {
          tables: Type.Optional(contractMode("New tables")),
          columns: Type.Optional(contractMode("New columns")),
          data_type: Type.Optional(contractMode("New data types")),
        },
        { title: "Schema contract by entity", description: "A contract mode per kind of schema change." },
      ),
    ],
    { title: "Schema contract", description: "What dlt does when records change the destination schema." },
  ),
);

export const ColumnsSchema = definition(
  "Columns",
  Type.Union(
    [
      Type.Unsafe<Record<string, Record<string, unknown>>>({
        type: "object",
        additionalProperties: freeObject({
          title: "Column hints",
          description: "dlt column hints (data_type, nullable, ...).",
        }),
        title: "Columns by name",
        description: "Column hints keyed by column name.",
      }),
      Type.Array(freeObject({ title: "Column", description: "dlt column hints including the column name." }), {
        title: "Column list",
        description: "A list of column hint objects.",
      }),
    ],
    { title: "Columns", description: "dlt column hints (data types, nullability, ...)." },
  ),
);

/** Keys shared by `resource_defaults` and every resource object. */
const resourceBaseProperties = {
  endpoint: Type.Optional(EndpointOrPathSchema),
  include_from_parent: Type.Optional(
    Type.Array(text({ title: "Parent field", description: "A top-level field of the parent record." }), {
      title: "Include from parent",
      description: "Parent fields copied into each child record as _<parent>_<field>.",
    }),
  ),
  selected: Type.Optional(
    Type.Boolean({
      title: "Selected",
      description: "false: fetch the resource only to feed its children, do not load it. Default: true.",
    }),
  ),
  parallelized: Type.Optional(
    Type.Boolean({ title: "Parallelized", description: "Fetch concurrently with other work. Default: false." }),
  ),
  max_table_nesting: Type.Optional(
    Type.Integer({
      minimum: 0,
      title: "Maximum table nesting",
      description: "Nesting depth beyond which nested objects are stored as JSON.",
    }),
  ),
  table_name: Type.Optional(
    text({ title: "Table name", description: "Destination table. Default: the resource name." }),
  ),
  write_disposition: Type.Optional(WriteDispositionSchema),
  primary_key: Type.Optional(
    oneOrMany({ title: "Primary key", description: "Column or columns identifying a record." }),
  ),
  merge_key: Type.Optional(oneOrMany({ title: "Merge key", description: "Column or columns used to merge." })),
  deletes: Type.Optional(
    stringEnum(["soft", "hard"], {
      title: "Deletes",
      description:
        'gen-connector, merge resources read in full: rows whose primary key a complete sync did not see are marked with _dlt_deleted_at ("soft") or removed ("hard").',
    }),
  ),
  columns: Type.Optional(ColumnsSchema),
  schema: Type.Optional(
    text({
      title: "Record schema",
      description:
        "gen-connector: a JSON Schema file (draft 7 or 2020-12), relative to the config, whose schema is the record type.",
    }),
  ),
  schema_contract: Type.Optional(SchemaContractSchema),
  table_format: Type.Optional(
    stringEnum(["iceberg", "delta", "hive", "native"], {
      title: "Table format",
      description: "Destination table format.",
    }),
  ),
  file_format: Type.Optional(
    stringEnum(["preferred", "jsonl", "typed-jsonl", "insert_values", "parquet", "csv", "reference", "model"], {
      title: "File format",
      description: "Load file format.",
    }),
  ),
} satisfies TProperties;

export const ResourceBaseSchema = definition(
  "ResourceBase",
  strictObject(resourceBaseProperties, {
    title: "Resource defaults",
    description: "Settings applied to every resource object or name, unless the resource sets them itself.",
  }),
);

export const ResourceSchema = definition(
  "Resource",
  strictObject(
    {
      name: text({
        title: "Resource name",
        description: "Unique name; the table name and the name children refer to in {resources.<name>.<field>}.",
      }),
      ...resourceBaseProperties,
    },
    { title: "Resource", description: "One resource: an endpoint and how its records are loaded." },
  ),
);

export const ResourceEntrySchema = Type.Union(
  [
    text({ title: "Resource name", description: "Shorthand for { name: <string>, endpoint: { path: <string> } }." }),
    ResourceSchema,
  ],
  { title: "Resource", description: "A resource: its name (also its path), or a resource object." },
);
