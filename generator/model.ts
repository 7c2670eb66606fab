/**
 * The normalized connector model: what every stage after `normalize` works on.
 * Defaults are applied, `resource_defaults` merged, secrets recognised; nothing
 * here is a raw config shape any more.
 */

/**
 * A secret by name; emitted as a read of the resolved secrets, never as its value.
 * A class, so that no plain object in a config (a JSON body, say) can pass for one.
 */
export class SecretValue {
  constructor(readonly name: string) {}
}

/**
 * A run-time value by name (`{ "$config": "owner" }`): emitted as a read of the values
 * `createSource({ config })`, the environment or its default supply. Not a secret: never redacted.
 */
export class ConfigValue {
  constructor(
    readonly name: string,
    /** Used when neither `createSource({ config })` nor the environment gives the value. */
    readonly defaultValue: string | number | boolean | undefined = undefined,
  ) {}
}

/** A config value as it will appear in generated code. */
export type Value = string | number | boolean | null | SecretValue | ConfigValue | Value[] | { [key: string]: Value };

/** A runtime component chosen by dlt `type` (a paginator or an auth), with its options as configured. */
export interface ComponentModel {
  type: string;
  options: { [key: string]: Value };
}

export interface ResourceModel {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** `{name}` placeholders of `path` filled at run time from a run-time value (`params.owner = { "$config": "owner" }`). */
  pathValues: { [placeholder: string]: ConfigValue };
  params: { [key: string]: Value };
  headers: { [key: string]: Value };
  json: { [key: string]: Value } | undefined;
  /** `undefined`: detected from the first response at run time. */
  dataSelector: string | undefined;
  paginator: ComponentModel;
  /** `undefined`: the resource sends no credentials. */
  auth: ComponentModel | undefined;
  /** dlt `response_actions` entries (only `ignore` exists in JSON). */
  responseActions: { [key: string]: Value }[];
  /** dlt `incremental` options, with `start_param`/`end_param`. */
  incremental: { [key: string]: Value } | undefined;
  /** For a child resource: its parent, which `{resources.<parent>.<field>}` placeholders read. */
  parent: { name: string; includeFromParent: string[]; parallelized: boolean } | undefined;
  primaryKey: string | string[] | undefined;
  mergeKey?: string | string[];
  writeDisposition: Value;
  /** dlt `max_table_nesting`: objects and lists deeper than this load as JSON. */
  maxTableNesting?: number;
  /** Full-read deletes of a merge resource (gen-connector's, not dlt's). */
  deletes?: "soft" | "hard";
  tableName: string;
  selected: boolean;
  /** A JSON Schema file (draft 7 or 2020-12) whose schema is the record type, instead of the OpenAPI document's; resolved against the config's folder. */
  schemaFile?: string;
  /** dlt `columns` hints: refine or override fields of the record type (`data_type`, `nullable`). */
  columns?: Record<string, { data_type?: string; nullable?: boolean; hard_delete?: boolean; dedup_sort?: "asc" | "desc" }>;
}

export interface ConnectorModel {
  name: string;
  /** The config's `client.base_url`, or the run-time value that supplies it. */
  baseUrl: string | ConfigValue;
  /** The names of every secret the connector reads, sorted. */
  secrets: string[];
  /** Every run-time value the connector reads, one per name, sorted by name. */
  configValues: ConfigValue[];
  resources: ResourceModel[];
  /** The databases the connector can sync into (config `output.destinations`). */
  destinations: ("duckdb" | "postgres")[];
  /** What the user should know that did not stop normalization. */
  warnings: string[];
}
