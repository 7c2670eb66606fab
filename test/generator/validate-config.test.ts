import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestApiConfig } from "../../generator/config/rest-api-config.js";
import { ConfigError, type ConfigIssue } from "../../generator/errors.js";
import { loadConfigFile } from "../../generator/load/load-config.js";
import { readConfig } from "../../generator/load/read-config.js";
import { validateConfig } from "../../generator/validate/validate-config.js";

type Json = Record<string, unknown>;

/** The issues `validateConfig` throws for `config` (none when it passes). */
function issuesOf(config: unknown): readonly ConfigIssue[] {
  try {
    validateConfig(config);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

const config = (overrides: Json = {}): Json => ({
  client: { base_url: "https://api.example.com" },
  resources: ["users"],
  ...overrides,
});
const withClient = (client: Json) => config({ client: { base_url: "https://api.example.com", ...client } });
const withResource = (...resources: unknown[]) => config({ resources });
const withEndpoint = (endpoint: Json) => withResource({ name: "users", endpoint });
const withPaginator = (paginator: unknown) => withEndpoint({ paginator });
const withAuth = (auth: unknown) => withClient({ auth });

const P = "resources[0].endpoint.paginator";
const OAUTH = { type: "oauth2_client_credentials", access_token_url: "https://x/token", client_id: "id", client_secret: "s" };

// [what, config, path, message]: each config has exactly this one problem.
const invalid: [string, unknown, string, string | RegExp][] = [
  // top level
  ["not an object", [], "", "expected an object, got an empty list"],
  ["client missing", { resources: ["users"] }, "", 'missing required key "client"'],
  ["resources missing", { client: { base_url: "https://x" } }, "", 'missing required key "resources"'],
  ["misspelled top-level key", config({ resource_default: {} }), "resource_default", 'unknown key "resource_default" (did you mean "resource_defaults"?)'],
  ["name not a string", config({ name: 5 }), "name", "expected a non-empty string, got 5"],
  ["openapi empty", config({ openapi: "" }), "openapi", 'expected a non-empty string, got ""'],
  ["$schema not a string", config({ $schema: 1 }), "$schema", "expected a string, got 1"],
  ["no resources", config({ resources: [] }), "resources", "expected a non-empty list, got an empty list"],
  // client
  ["client without base_url", config({ client: {} }), "client", 'missing required key "base_url"'],
  ["base_url a number", withClient({ base_url: 42 }), "client.base_url", 'expected a string or { "$config": "<name>" }, got 42'],
  ["misspelled client key", withClient({ header: {} }), "client.header", 'unknown key "header" (did you mean "headers"?)'],
  ["header value a number", withClient({ headers: { Accept: 5 } }), "client.headers.Accept", 'expected a string, { "$secret": "<name>" } or { "$config": "<name>" }, got 5'],
  ["header secret badly named", withClient({ headers: { Accept: { $secret: "1st" } } }), "client.headers.Accept.$secret", "expected a string matching /^[A-Za-z_][A-Za-z0-9_]*$/, got *****"],
  ["secret with an extra key", withClient({ headers: { Accept: { $secret: "a", env: "b" } } }), "client.headers.Accept.env", 'unknown key "env"; allowed keys: "$secret"'],
  ["header name with a dash is bracketed", withClient({ headers: { "X-Trace": [] } }), 'client.headers["X-Trace"]', /^expected a string, \{ "\$secret": "<name>" \} or \{ "\$config": "<name>" \}, got an empty list$/],
  // auth
  ["unknown auth type name", withAuth("oauth"), "client.auth", /^unknown auth type "oauth"; expected one of "bearer", "api_key", "http_basic", "oauth2_client_credentials"$/],
  ["unknown auth type key", withAuth({ type: "basic", username: "u", password: "p" }), "client.auth.type", /^unknown auth type "basic"; expected one of "bearer", /],
  ["bearer without token", withAuth({ type: "bearer" }), "client.auth", 'missing required key "token"'],
  ["misspelled bearer key", withAuth({ type: "bearer", token: "t", tokn: "x" }), "client.auth.tokn", 'unknown key "tokn" (did you mean "token"?)'],
  ["api_key with a bearer key", withAuth({ type: "api_key", api_key: "k", token: "t" }), "client.auth.token", 'unknown key "token"; it is only allowed with type "bearer"'],
  ["api_key location", withAuth({ type: "api_key", api_key: "k", location: "body" }), "client.auth.location", 'expected one of "header", "query", "param", "cookie", got "body"'],
  ["http_basic without password", withAuth({ type: "http_basic", username: "u" }), "client.auth", 'missing required key "password"'],
  ["basic keys without a type", withAuth({ username: "u", password: "p" }), "client.auth", /^missing required key "type" \(these keys fit "type": "http_basic"\); expected one of /],
  ["oauth2 without token url", withAuth({ ...OAUTH, access_token_url: undefined }), "client.auth", 'missing required key "access_token_url"'],
  ["oauth2 negative expiration", withAuth({ ...OAUTH, default_token_expiration: -5 }), "client.auth.default_token_expiration", "expected a non-negative integer, got *****"],
  ["endpoint auth a list", withEndpoint({ auth: ["bearer"] }), "resources[0].endpoint.auth", "expected a string or an object, got a list"],
  // paginators
  ["unknown paginator name", withClient({ paginator: "ofset" }), "client.paginator", /^unknown paginator type "ofset" \(did you mean "offset"\?\); expected one of "auto", /],
  ["unknown paginator type", withPaginator({ type: "pagenumber" }), `${P}.type`, /^unknown paginator type "pagenumber" \(did you mean "page_number"\?\); expected one of /],
  ["paginator a number", withPaginator(5), P, "expected a string or an object, got 5"],
  ["paginator type not a string", withPaginator({ type: ["offset"] }), `${P}.type`, /^expected one of "single_page", .*, got a list$/],
  ["paginator without type", withPaginator({ limit: 10 }), P, /^missing required key "type" \(these keys fit "type": "offset"\); expected one of /],
  ["offset without limit", withPaginator({ type: "offset" }), P, 'missing required key "limit"'],
  ["offset limit zero", withPaginator({ type: "offset", limit: 0 }), `${P}.limit`, "expected a positive integer, got 0"],
  ["offset limit a string", withPaginator({ type: "offset", limit: "10" }), `${P}.limit`, 'expected a positive integer, got "10"'],
  ["offset misspelled key", withPaginator({ type: "offset", limit: 10, limt: 5 }), `${P}.limt`, 'unknown key "limt" (did you mean "limit"?)'],
  ["offset total_path a number", withPaginator({ type: "offset", limit: 10, total_path: 5 }), `${P}.total_path`, "expected a non-empty string or null, got 5"],
  ["page_number negative base", withPaginator({ type: "page_number", base_page: -1 }), `${P}.base_page`, "expected a non-negative integer, got -1"],
  ["cursor with an offset key", withPaginator({ type: "cursor", limit: 5 }), `${P}.limit`, 'unknown key "limit"; it is only allowed with type "offset"'],
  ["single_page with a page", withPaginator({ type: "single_page", page: 1 }), `${P}.page`, 'unknown key "page"; it is only allowed with type "page_number"'],
  ["json_link path a number", withPaginator({ type: "json_link", next_url_path: 5 }), `${P}.next_url_path`, "expected a non-empty string, got 5"],
  ["header_link empty rel", withPaginator({ type: "header_link", links_next_key: "" }), `${P}.links_next_key`, 'expected a non-empty string, got ""'],
  ["header_cursor flag a string", withPaginator({ type: "cursor", stop_after_empty_page: "yes" }), `${P}.stop_after_empty_page`, 'expected true or false, got "yes"'],
  // resources
  ["resource a number", withResource(5), "resources[0]", "expected a non-empty string or an object, got 5"],
  ["resource name empty", withResource(""), "resources[0]", 'expected a non-empty string, got ""'],
  ["resource without name", withResource({ endpoint: "users" }), "resources[0]", 'missing required key "name"'],
  ["misspelled resource key", withResource({ name: "u", primary_keys: "id" }), "resources[0].primary_keys", 'unknown key "primary_keys" (did you mean "primary_key"?)'],
  ["selected a string", withResource({ name: "u", selected: "yes" }), "resources[0].selected", 'expected true or false, got "yes"'],
  ["max_table_nesting fractional", withResource({ name: "u", max_table_nesting: 1.5 }), "resources[0].max_table_nesting", "expected a non-negative integer, got 1.5"],
  ["primary_key a number", withResource({ name: "u", primary_key: 5 }), "resources[0].primary_key", "expected a non-empty string or a list, got 5"],
  ["include_from_parent a string", withResource({ name: "u", include_from_parent: "id" }), "resources[0].include_from_parent", 'expected a list of strings, got "id"'],
  ["columns a string", withResource({ name: "u", columns: "id" }), "resources[0].columns", 'expected an object or a list, got "id"'],
  ["table_format", withResource({ name: "u", table_format: "parquet" }), "resources[0].table_format", 'expected one of "iceberg", "delta", "hive", "native", got "parquet"'],
  ["schema_contract", withResource({ name: "u", schema_contract: "strict" }), "resources[0].schema_contract", /^expected one of "evolve", .*, got "strict"$/],
  ["resource_defaults with a name", config({ resource_defaults: { name: "x" } }), "resource_defaults.name", /^unknown key "name"; allowed keys: "endpoint", /],
  ["resource_defaults paginator", config({ resource_defaults: { endpoint: { paginator: "cursr" } } }), "resource_defaults.endpoint.paginator", /^unknown paginator type "cursr" \(did you mean "cursor"\?\)/],
  // write_disposition
  ["unknown disposition", withResource({ name: "u", write_disposition: "upsert" }), "resources[0].write_disposition", 'unknown write disposition "upsert"; expected one of "append", "replace", "merge", "skip"'],
  ["misspelled disposition object", withResource({ name: "u", write_disposition: { disposition: "mrege" } }), "resources[0].write_disposition.disposition", /^unknown write disposition "mrege" \(did you mean "merge"\?\); expected one of "merge", /],
  ["merge strategy", withResource({ name: "u", write_disposition: { disposition: "merge", strategy: "scd3" } }), "resources[0].write_disposition.strategy", 'expected one of "delete-insert", "upsert", "scd2", "insert-only", got "scd3" (did you mean "scd2"?)'],
  ["strategy on replace", withResource({ name: "u", write_disposition: { disposition: "replace", strategy: "scd2" } }), "resources[0].write_disposition.strategy", 'unknown key "strategy"; it is only allowed with disposition "merge"'],
  ["validity columns", withResource({ name: "u", write_disposition: { disposition: "merge", validity_column_names: ["from"] } }), "resources[0].write_disposition.validity_column_names", "expected a list of 2 strings, got a list"],
  // endpoint
  ["endpoint a number", withResource({ name: "u", endpoint: 5 }), "resources[0].endpoint", "expected a string or an object, got 5"],
  ["method lower case", withEndpoint({ method: "get" }), "resources[0].endpoint.method", 'expected one of "GET", "POST", got "get" (did you mean "GET"?)'],
  ["misspelled endpoint key", withEndpoint({ data_selecter: "data" }), "resources[0].endpoint.data_selecter", 'unknown key "data_selecter" (did you mean "data_selector"?)'],
  ["data_selector empty", withEndpoint({ data_selector: "" }), "resources[0].endpoint.data_selector", 'expected a non-empty string, got ""'],
  ["json a string", withEndpoint({ json: "{}" }), "resources[0].endpoint.json", 'expected an object, got "{}"'],
  ["data a number", withEndpoint({ data: 5 }), "resources[0].endpoint.data", "expected an object or a string, got 5"],
  ["response_actions an object", withEndpoint({ response_actions: { status_code: 404 } }), "resources[0].endpoint.response_actions", "expected a list of objects, got an object"],
  ["response action retry", withEndpoint({ response_actions: [{ status_code: 404, action: "retry" }] }), "resources[0].endpoint.response_actions[0].action", 'expected "ignore", got "retry"'],
  ["response status code", withEndpoint({ response_actions: [{ status_code: 99, action: "ignore" }] }), "resources[0].endpoint.response_actions[0].status_code", "expected an integer from 100 to 599, got 99"],
  // params
  ["param type misspelled", withEndpoint({ params: { since: { type: "resolv" } } }), "resources[0].endpoint.params.since.type", 'unknown param type "resolv" (did you mean "resolve"?); expected one of "resolve", "incremental"'],
  ["param object without type", withEndpoint({ params: { since: { foo: 1 } } }), "resources[0].endpoint.params.since", 'missing required key "type"; expected one of "resolve", "incremental"'],
  ["resolve without field", withResource("users", { name: "posts", endpoint: { path: "users/{id}/posts", params: { id: { type: "resolve", resource: "users" } } } }), "resources[1].endpoint.params.id", 'missing required key "field"'],
  ["incremental param with end_value", withEndpoint({ params: { since: { type: "incremental", cursor_path: "updated_at", end_value: 5 } } }), "resources[0].endpoint.params.since.end_value", 'unknown key "end_value"; allowed keys: "type", "cursor_path", "initial_value"'],
  ["param list of objects", withEndpoint({ params: { ids: [{ id: 1 }] } }), "resources[0].endpoint.params.ids[0]", "expected a string, a number or true or false, got an object"],
  // incremental
  ["incremental without cursor_path", withEndpoint({ incremental: { initial_value: 1 } }), "resources[0].endpoint.incremental", 'missing required key "cursor_path"'],
  ["incremental last_value_func", withEndpoint({ incremental: { cursor_path: "id", last_value_func: "maximum" } }), "resources[0].endpoint.incremental.last_value_func", 'expected one of "max", "min", got "maximum"'],
  ["incremental row_order", withEndpoint({ incremental: { cursor_path: "id", row_order: "ascending" } }), "resources[0].endpoint.incremental.row_order", 'expected one of "asc", "desc", got "ascending"'],
  ["incremental lag negative", withEndpoint({ incremental: { cursor_path: "id", lag: -1 } }), "resources[0].endpoint.incremental.lag", "expected a non-negative number, got -1"],
  ["incremental misspelled key", withEndpoint({ incremental: { cursor_path: "id", initial_valu: 1 } }), "resources[0].endpoint.incremental.initial_valu", 'unknown key "initial_valu" (did you mean "initial_value"?)'],
  // semantic checks
  ["duplicate resource names", withResource("users", { name: "users" }), "resources[1].name", 'resource "users" is already defined at resources[0]'],
  ["duplicate string resources", withResource("users", "orders", "users"), "resources[2]", 'resource "users" is already defined at resources[0]'],
  ["bare offset paginator", withClient({ paginator: "offset" }), "client.paginator", 'paginator "offset" needs a limit: write { "type": "offset", "limit": <page size> }'],
  ["cursor param and body path", withPaginator({ type: "cursor", cursor_param: "c", cursor_body_path: "page.cursor" }), `${P}.cursor_body_path`, /^cursor_param and cursor_body_path cannot both be set/],
  ["offset param and body path", withPaginator({ type: "offset", limit: 5, offset_param: "o", offset_body_path: "o" }), `${P}.offset_body_path`, /^offset_param and offset_body_path cannot both be set/],
  ["limit param and body path", withPaginator({ type: "offset", limit: 5, limit_param: "l", limit_body_path: "l" }), `${P}.limit_body_path`, /^limit_param and limit_body_path cannot both be set/],
  ["page param and body path", withPaginator({ type: "page_number", page_param: "p", page_body_path: "p" }), `${P}.page_body_path`, /^page_param and page_body_path cannot both be set/],
  ["offset that never stops", withPaginator({ type: "offset", limit: 5, total_path: null, stop_after_empty_page: false }), P, /^this paginator has no way to stop: .* set maximum_offset or has_more_path/],
  ["page_number that never stops", withPaginator({ type: "page_number", total_path: null, stop_after_empty_page: false }), P, /set maximum_page or has_more_path/],
  ["json and data", withEndpoint({ json: { a: 1 }, data: "a=1" }), "resources[0].endpoint.data", "json and data cannot both be set: send a JSON body or a form body, not both"],
  ["json from defaults and data", config({ resource_defaults: { endpoint: { json: { a: 1 } } }, resources: [{ name: "u", endpoint: { data: { a: 1 } } }] }), "resources[0].endpoint.data", /^json and data cannot both be set \(json comes from resource_defaults\)/],
  ["placeholder naming a missing resource", withResource("users", { name: "posts", endpoint: "users/{resources.user.id}/posts" }), "resources[1].endpoint", 'placeholder {resources.user.id} refers to resource "user", which is not defined (did you mean "users"?)'],
  ["placeholder in params naming a missing resource", withResource({ name: "posts", endpoint: { params: { u: "{resources.users.id}" } } }), "resources[0].endpoint.params.u", 'placeholder {resources.users.id} refers to resource "users", which is not defined'],
  ["placeholder without a field", withResource("users", { name: "posts", endpoint: { path: "x/{resources.users}" } }), "resources[1].endpoint.path", "placeholder {resources.users} needs a resource and a field: {resources.<resource>.<field>}"],
  ["resolve param naming a missing resource", withResource({ name: "posts", endpoint: { path: "u/{id}", params: { id: { type: "resolve", resource: "users", field: "id" } } } }), "resources[0].endpoint.params.id.resource", 'resolve param refers to resource "users", which is not defined'],
  ["resolve param not in the path", withResource("users", { name: "posts", endpoint: { path: "posts", params: { id: { type: "resolve", resource: "users", field: "id" } } } }), "resources[1].endpoint.params.id", /^resolve param "id" is not used in the path; add \{id\} to endpoint.path/],
  ["unmatched opening brace", withEndpoint({ params: { q: "name:{x" } }), "resources[0].endpoint.params.q", 'unmatched "{" at character 6; write "{{" for a literal brace'],
  ["unmatched closing brace", withEndpoint({ headers: { Accept: "a}b" } }), "resources[0].endpoint.headers.Accept", 'unmatched "}" at character 2; write "}}" for a literal brace'],
  ["unmatched brace in a json key", withEndpoint({ method: "POST", json: { "{x": 1 } }), 'resources[0].endpoint.json["{x"]', /^unmatched "\{" at character 1/],
  ["incremental placeholder without incremental", withEndpoint({ params: { since: "{incremental.start_value}" } }), "resources[0].endpoint.params.since", "placeholder {incremental.start_value} needs endpoint.incremental to be set"],
  ["unknown incremental value", withEndpoint({ incremental: { cursor_path: "id" }, params: { since: "{incremental.start}" } }), "resources[0].endpoint.params.since", /^unknown incremental value "start" in \{incremental.start\}; expected one of "start_value", /],
  ["bare placeholder in params", withEndpoint({ params: { q: "{query}" } }), "resources[0].endpoint.params.q", "placeholder {query} is not valid here; use {resources.<resource>.<field>}"],
  ["path placeholder without a param", withEndpoint({ path: "users/{id}" }), "resources[0].endpoint.path", /^placeholder \{id\} has no param named "id" to fill it/],
  ["include_from_parent without a parent", withResource({ name: "u", include_from_parent: ["id"] }), "resources[0].include_from_parent", /^include_from_parent needs a parent resource/],
  ["a resource as its own parent", withResource({ name: "u", endpoint: "u/{resources.u.id}" }), "resources[0].endpoint", /^placeholder \{resources.u.id\} refers to this resource itself/],
  ["two parents", withResource("a", "b", { name: "c", endpoint: { path: "a/{resources.a.id}", params: { b: "{resources.b.id}" } } }), "resources[2].endpoint", 'resource "c" depends on several parents ("a", "b"); a resource can have only one parent'],
  ["a dependency cycle", withResource({ name: "a", endpoint: "a/{resources.b.id}/x" }, { name: "b", endpoint: "b/{resources.a.id}/x" }), "resources[0]", 'resources depend on each other in a cycle: "a" → "b" → "a"'],
  ["response action matching nothing", withEndpoint({ response_actions: [{ action: "ignore" }] }), "resources[0].endpoint.response_actions[0]", "this response action matches no response: set status_code, content, or both"],
];

describe("validateConfig: invalid configs", () => {
  it("covers at least 40 configs", () => expect(invalid.length).toBeGreaterThanOrEqual(40));

  it.each(invalid)("%s", (_what, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.path)).toEqual([path]);
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });
});

/** Every feature of the config language at once. */
const rich = {
  $schema: "../../generator/config/config.schema.json",
  name: "everything",
  openapi: "./openapi.yaml",
  client: {
    base_url: "https://api.example.com/v1/",
    headers: { Accept: "application/json", "X-Api-Key": { $secret: "api_key" } },
    auth: { type: "oauth2_client_credentials", access_token_url: "https://auth.example.com/token", client_id: { $secret: "client_id" }, client_secret: { $secret: "client_secret" }, access_token_request_data: { scope: "read", audience: ["a"] }, default_token_expiration: 600 },
    paginator: { type: "json_link", next_url_path: "['@odata.nextLink']" },
  },
  resource_defaults: {
    primary_key: "id",
    write_disposition: { disposition: "merge", strategy: "upsert" },
    max_table_nesting: 2,
    endpoint: { params: { per_page: 100 }, response_actions: [{ status_code: 404, action: "ignore" }] },
  },
  resources: [
    "plain",
    { name: "users", endpoint: "users", selected: false, parallelized: true, table_name: "people", merge_key: ["id", "org"], columns: { id: { data_type: "bigint", nullable: false } }, schema_contract: "freeze", table_format: "iceberg", file_format: "parquet" },
    { name: "user", endpoint: "users/{resources.users.id}", include_from_parent: ["name"] },
    { name: "posts", endpoint: { path: "users/{user_id}/posts", params: { user_id: { type: "resolve", resource: "users", field: "id" }, tags: ["a", 1, true], draft: false, limit: 10, cursor: null, token: { $secret: "token" }, literal: "{{not a placeholder}}" }, paginator: "header_link", auth: "bearer" } },
    { name: "events", endpoint: { path: "events", headers: { "X-Since": "{incremental.start_value}" }, incremental: { cursor_path: "updated_at", initial_value: "2024-01-01T00:00:00Z", end_value: "2025-01-01T00:00:00Z", start_param: "since", end_param: "until", last_value_func: "max", primary_key: ["id"], row_order: "asc", lag: 3600, on_cursor_value_missing: "exclude", range_start: "open", range_end: "closed", allow_external_schedulers: false }, paginator: { type: "cursor", cursor_path: "meta.next", cursor_param: "after", stop_after_empty_page: true, has_more_path: "meta.more" }, auth: { token: { $secret: "events_token" } } }, write_disposition: "append" },
    { name: "search", endpoint: { path: "search", method: "POST", json: { filter: { user: "{resources.users.id}" }, size: 50 }, paginator: { type: "cursor", cursor_path: "next", cursor_body_path: "page.after" }, auth: { type: "api_key", name: "key", api_key: 'dlt.secrets["search_key"]', location: "query" } }, write_disposition: { disposition: "replace" } },
    { name: "forms", endpoint: { path: "forms", method: "POST", data: { q: "all" }, paginator: { type: "offset", limit: 50, offset: 0, offset_body_path: "offset", limit_body_path: "limit", total_path: null, maximum_offset: 1000, stop_after_empty_page: false, has_more_path: "more" }, auth: { type: "http_basic", username: "me", password: { $secret: "password" } } }, write_disposition: { disposition: "merge", strategy: "scd2", validity_column_names: ["from", "to"], active_record_timestamp: "9999-12-31", boundary_timestamp: "2024-01-01", row_version_column_name: "hash" } },
    { name: "pages", endpoint: { path: "pages", data_selector: "data.items", params: { since: { type: "incremental", cursor_path: "updated_at", initial_value: 0 } }, paginator: { type: "page_number", base_page: 1, page: 1, page_param: "p", total_path: "meta.pages", maximum_page: 20, stop_after_empty_page: true }, auth: { type: "api_key", api_key: { $secret: "pages_key" } }, response_actions: [{ content: "not found", action: "ignore" }, { status_code: 204, content: "", action: "ignore" }] }, write_disposition: { disposition: "merge", strategy: "delete-insert", deduplicated: true }, columns: [{ name: "id", data_type: "bigint" }], schema_contract: { tables: "evolve", columns: "discard_value", data_type: "freeze" } },
    { name: "raw", endpoint: { path: "https://other.example.com/raw", method: "POST", data: "raw body {resources.users.id}", paginator: { type: "header_cursor", cursor_key: "X-Next", cursor_param: "next" } } },
    { name: "one", endpoint: { path: "one", paginator: { type: "single_page" } } },
    { name: "auto", endpoint: { path: "auto", paginator: "auto" } },
    { name: "legacy", endpoint: { path: "legacy", paginator: { type: "json_response", next_url_path: "next" } }, write_disposition: "skip" },
  ],
};

describe("validateConfig: valid configs", () => {
  it("accepts the seed example", async () => {
    const seed: unknown = JSON.parse(await readFile(new URL("../../examples/seed/config.json", import.meta.url), "utf8"));
    expect(validateConfig(seed)).toBe(seed);
  });

  it("accepts a config using every feature", () => {
    expect(issuesOf(rich)).toEqual([]);
    const typed: RestApiConfig = validateConfig(rich);
    expect(typed.resources).toHaveLength(12);
  });

  it.each([
    ["a minimal config", config()],
    ["auth by type name", withAuth("api_key")],
    ["bearer shorthand without a type", withAuth({ token: "t" })],
    ["a string endpoint", withResource({ name: "u", endpoint: "users/list" })],
    ["a path param bound from params", withEndpoint({ path: "users/{id}", params: { id: 7 } })],
    ["escaped braces", withEndpoint({ params: { q: "{{literal}}" } })],
    ["an incremental placeholder from resource_defaults", config({ resource_defaults: { endpoint: { incremental: { cursor_path: "id" } } }, resources: [{ name: "u", endpoint: { params: { since: "{incremental.last_value}" } } }] })],
    ["offset stopping on an empty page", withPaginator({ type: "offset", limit: 5, total_path: null })],
    ["json and an empty data", withEndpoint({ json: { a: 1 }, data: {} })],
  ])("accepts %s", (_what, input) => {
    expect(issuesOf(input)).toEqual([]);
  });
});

describe("validateConfig: reporting", () => {
  it("reports every problem at once, in document order", () => {
    const input = {
      client: { base_url: 1 },
      resources: [{ name: "users", endpoint: { method: "PUT", paginator: { type: "offset", limit: -1 } } }],
    };
    const error = (() => {
      try {
        validateConfig(input, { file: "config.json" });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((issue) => issue.path)).toEqual([
      "client.base_url",
      "resources[0].endpoint.method",
      "resources[0].endpoint.paginator.limit",
    ]);
    expect((error as ConfigError).message).toMatch(/^3 problems in the config:\n/);
  });

  it("reports schema and semantic problems together", () => {
    const issues = issuesOf(withResource("users", "users", { name: "x", endpoint: { method: "get" } }));
    expect(issues.map((issue) => issue.path)).toEqual(["resources[1]", "resources[2].endpoint.method"]);
  });

  it("locates issues when given a locate function", () => {
    const located: (string | number)[][] = [];
    try {
      validateConfig(withPaginator({ type: "offset", limit: 0 }), {
        locate: (path) => {
          located.push(path);
          return { line: 7, column: 3 };
        },
      });
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([
        { path: `${P}.limit`, message: "expected a positive integer, got 0", line: 7, column: 3 },
      ]);
    }
    expect(located).toEqual([["resources", 0, "endpoint", "paginator", "limit"]]);
  });
});

describe("validateConfig: secrets never reach a message", () => {
  const SECRET = "S3CR3T-value-42";
  const NUMERIC = 987654321;
  const leaky: [string, unknown][] = [
    ["token of the wrong type", withAuth({ type: "bearer", token: NUMERIC })],
    ["api_key of the wrong type", withAuth({ type: "api_key", api_key: NUMERIC })],
    ["a credential pasted as a secret name", withAuth({ type: "bearer", token: { $secret: SECRET } })],
    ["password in the wrong auth type", withAuth({ type: "htp_basic", username: SECRET, password: SECRET })],
    ["username of the wrong type", withAuth({ type: "http_basic", username: NUMERIC, password: SECRET })],
    ["client_secret of the wrong type", withAuth({ ...OAUTH, client_id: SECRET, client_secret: NUMERIC })],
    ["an Authorization header of the wrong type", withClient({ headers: { Authorization: NUMERIC } })],
    ["an api-key header of the wrong type", withEndpoint({ headers: { "api-key": NUMERIC } })],
    ["a key param of the wrong type", withEndpoint({ params: { key: [{ value: SECRET }], apikey: { $secret: SECRET } } })],
    ["a secret with an unmatched brace", withEndpoint({ headers: { Authorization: `Bearer {${SECRET}` } })],
    ["a password as a write disposition", withResource({ name: "u", write_disposition: { disposition: "merge", password: SECRET } })],
  ];

  it.each(leaky)("%s", (_what, input) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.message).not.toContain(SECRET);
      expect(issue.message).not.toContain(String(NUMERIC));
    }
  });
});

describe("loading config files", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gen-connector-config-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  async function configError(promise: Promise<unknown>): Promise<ConfigError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }

  it("reads a valid YAML config", async () => {
    const path = await file("ok.yaml", "client:\n  base_url: https://x\nresources:\n  - users\n");
    expect(await readConfig(path)).toEqual({ client: { base_url: "https://x" }, resources: ["users"] });
  });

  it("locates schema problems in YAML at the offending key", async () => {
    const yaml = [
      "client:",
      "  base_url: https://api.example.com",
      "resources:",
      "  - name: users",
      "    endpoint:",
      "      paginator:",
      "        type: offset",
      "        limit: 0",
      "        limt: 5",
      "  - name: users",
    ].join("\n");
    const path = await file("bad.yaml", yaml);
    const error = await configError(readConfig(path));
    expect(error.issues).toEqual([
      { path: "resources[0].endpoint.paginator.limit", message: "expected a positive integer, got 0", line: 8, column: 9 },
      { path: "resources[0].endpoint.paginator.limt", message: 'unknown key "limt" (did you mean "limit"?)', line: 9, column: 9 },
      { path: "resources[1].name", message: 'resource "users" is already defined at resources[0]', line: 10, column: 5 },
    ]);
    expect(error.message).toContain(`${path}:8:9: resources[0].endpoint.paginator.limit: expected a positive integer, got 0`);
  });

  it("locates a missing key at its parent", async () => {
    const path = await file("missing.yml", "client:\n  headers: {}\nresources: [users]\n");
    const error = await configError(readConfig(path));
    expect(error.issues).toEqual([{ path: "client", message: 'missing required key "base_url"', line: 1, column: 1 }]);
  });

  it("reports YAML syntax errors with their line", async () => {
    const path = await file("syntax.yaml", "client:\n  base_url: https://x\n resources:\n  - users\n");
    const error = await configError(loadConfigFile(path));
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues[0]).toMatchObject({ path: "", line: 3 });
    expect(error.issues[0]?.message).toMatch(/^syntax error: /);
  });

  it("reports duplicate YAML keys", async () => {
    const path = await file("dup.yaml", "client:\n  base_url: https://x\nresources: [a]\nresources: [b]\n");
    const error = await configError(loadConfigFile(path));
    expect(error.issues[0]).toMatchObject({ line: 4, column: 1, message: "syntax error: Map keys must be unique" });
  });

  it("does not quote the source line of a syntax error", async () => {
    const path = await file("leak.yaml", 'client:\n  auth:\n    token: "S3CR3T-value\n');
    const error = await configError(loadConfigFile(path));
    expect(error.message).not.toContain("S3CR3T");
  });

  it("locates JSON problems too", async () => {
    const json = '{\n  "client": { "base_url": "https://x" },\n  "resources": [\n    { "name": "u", "endpoint": { "method": "get" } }\n  ]\n}\n';
    const path = await file("bad.json", json);
    const error = await configError(readConfig(path));
    expect(error.issues).toEqual([
      { path: "resources[0].endpoint.method", message: 'expected one of "GET", "POST", got "get" (did you mean "GET"?)', line: 4, column: 34 },
    ]);
  });

  it("holds .json files to JSON, not YAML", async () => {
    const path = await file("trailing.json", '{\n  "client": { "base_url": "https://x" },\n  "resources": ["u"],\n}\n');
    const error = await configError(loadConfigFile(path));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: "", line: 4, column: 1 });
    expect(error.issues[0]?.message).toMatch(/^invalid JSON/);
  });

  it("reports JSON syntax errors with their line", async () => {
    const path = await file("broken.json", '{\n  "client": {\n    "base_url" "https://x"\n  }\n}\n');
    const error = await configError(loadConfigFile(path));
    expect(error.issues[0]).toMatchObject({ path: "", line: 3 });
  });

  it("refuses other file types and missing files", async () => {
    expect((await configError(loadConfigFile(join(dir, "config.toml")))).message).toMatch(/unsupported config file type ".toml"/);
    expect((await configError(loadConfigFile(join(dir, "absent.json")))).message).toMatch(/cannot read the config file \(ENOENT\)/);
  });
});
