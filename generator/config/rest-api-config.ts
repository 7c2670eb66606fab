/**
 * The config language: dlt's `rest_api` config (reference §11) plus gen-connector's
 * own top-level keys (`name`, `openapi`, `$schema`) and `{ "$secret": name }` values.
 */

/** A value read at run time from `createSource({ secrets })` or the environment, never written into code. */
export interface SecretRef {
  $secret: string;
}

/** A string, or a secret in its place (also accepted: dlt's `dlt.secrets["name"]` string form). */
export type SecretString = string | SecretRef;

export type JsonPath = string;

export type PaginatorType =
  | "auto"
  | "single_page"
  | "header_link"
  | "json_link"
  | "json_response"
  | "cursor"
  | "header_cursor"
  | "offset"
  | "page_number";

export type PaginatorConfig =
  | PaginatorType
  | { type: "single_page" | "auto" }
  | { type: "header_link"; links_next_key?: string }
  | { type: "json_link" | "json_response"; next_url_path?: JsonPath }
  | {
      type: "cursor";
      cursor_path?: JsonPath;
      cursor_param?: string;
      cursor_body_path?: string;
      stop_after_empty_page?: boolean;
      has_more_path?: JsonPath;
    }
  | { type: "header_cursor"; cursor_key?: string; cursor_param?: string }
  | {
      type: "offset";
      limit: number;
      offset?: number;
      offset_param?: string;
      offset_body_path?: string;
      limit_param?: string;
      limit_body_path?: string;
      total_path?: JsonPath | null;
      maximum_offset?: number;
      stop_after_empty_page?: boolean;
      has_more_path?: JsonPath;
    }
  | {
      type: "page_number";
      base_page?: number;
      page?: number;
      page_param?: string;
      page_body_path?: string;
      total_path?: JsonPath | null;
      maximum_page?: number;
      stop_after_empty_page?: boolean;
      has_more_path?: JsonPath;
    };

export type AuthConfig =
  | "bearer"
  | "api_key"
  | "http_basic"
  | "oauth2_client_credentials"
  | { type?: "bearer"; token: SecretString }
  | { type: "api_key"; name?: string; api_key: SecretString; location?: "header" | "query" | "param" | "cookie" }
  | { type: "http_basic"; username: SecretString; password: SecretString }
  | {
      type: "oauth2_client_credentials";
      access_token_url: string;
      client_id: SecretString;
      client_secret: SecretString;
      access_token_request_data?: Record<string, unknown>;
      default_token_expiration?: number;
    };

export type ParamValue =
  | string
  | number
  | boolean
  | null
  | SecretRef
  | (string | number | boolean)[]
  | { type: "resolve"; resource: string; field: JsonPath }
  | { type: "incremental"; cursor_path: JsonPath; initial_value?: unknown };

export interface IncrementalConfig {
  cursor_path: JsonPath;
  initial_value?: unknown;
  end_value?: unknown;
  start_param?: string;
  end_param?: string;
  last_value_func?: "max" | "min";
  primary_key?: string | string[];
  row_order?: "asc" | "desc";
  lag?: number;
  on_cursor_value_missing?: "raise" | "include" | "exclude";
  range_start?: "open" | "closed";
  range_end?: "open" | "closed";
}

export interface ResponseActionConfig {
  status_code?: number;
  content?: string;
  action: "ignore";
}

export interface EndpointConfig {
  path?: string;
  method?: "GET" | "POST";
  params?: Record<string, ParamValue>;
  json?: Record<string, unknown>;
  data?: Record<string, unknown> | string;
  headers?: Record<string, SecretString>;
  paginator?: PaginatorConfig;
  data_selector?: JsonPath;
  response_actions?: ResponseActionConfig[];
  incremental?: IncrementalConfig;
  auth?: AuthConfig;
}

export type WriteDispositionConfig =
  | "append"
  | "replace"
  | "merge"
  | "skip"
  | {
      disposition: "merge";
      strategy?: "delete-insert" | "upsert" | "scd2" | "insert-only";
      deduplicated?: boolean;
      validity_column_names?: string[];
      active_record_timestamp?: string;
      boundary_timestamp?: string;
      row_version_column_name?: string;
    }
  | { disposition: "append" | "replace" | "skip" };

export interface ResourceBaseConfig {
  endpoint?: string | EndpointConfig;
  include_from_parent?: string[];
  selected?: boolean;
  parallelized?: boolean;
  max_table_nesting?: number;
  table_name?: string;
  write_disposition?: WriteDispositionConfig;
  primary_key?: string | string[];
  merge_key?: string | string[];
  columns?: Record<string, Record<string, unknown>> | Record<string, unknown>[];
  schema_contract?: unknown;
  table_format?: string;
  file_format?: string;
}

export interface ResourceConfig extends ResourceBaseConfig {
  name: string;
}

export interface ClientConfig {
  base_url: string;
  headers?: Record<string, SecretString>;
  auth?: AuthConfig;
  paginator?: PaginatorConfig;
}

export interface RestApiConfig {
  $schema?: string;
  /** gen-connector: the connector's name; default: the config file's folder name. */
  name?: string;
  /** gen-connector: an OpenAPI document, relative to the config file, to derive record types from. */
  openapi?: string;
  client: ClientConfig;
  resource_defaults?: ResourceBaseConfig;
  resources: (string | ResourceConfig)[];
}
