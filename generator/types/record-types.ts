import { isAbsolute, resolve } from "node:path";
import { commentText, typeName, uniqueNames } from "../emit/literal.js";
import { ConfigError, type ConfigIssue } from "../errors.js";
import type { ConnectorModel, ResourceModel } from "../model.js";
import { applyColumnHints } from "./column-hints.js";
import { configValueTypes, type ConfigValueType } from "./config-value-types.js";
import type { JsonObject } from "./json-pointer.js";
import { mountSchemaFiles, readSchemaFile, type SchemaFile } from "./json-schema-file.js";
import { closestPaths, matchOperation } from "./match-operation.js";
import { queryParamsSchema } from "./query-params.js";
import { recordSchema } from "./record-schema.js";
import { HELPER_NAMES, type TypeDeclaration } from "./type-declaration.js";

/** What the `types` stage adds to the model: one record type per resource, and the declarations behind them. */
export interface RecordTypes {
  /** Resource name → the exported type name of one record. */
  recordTypeNames: Map<string, string>;
  /** Resource name → the exported type of the query params its operation declares, for overrides; absent without a spec. */
  paramTypeNames: Map<string, string>;
  /** Run-time value name → its type in `createSource({ config })`. */
  configValueTypes: Map<string, ConfigValueType>;
  /** Every declaration to emit, record types first, in resource order. */
  declarations: TypeDeclaration[];
  /** Resource name → its record's JSON Schema (hints applied), inside `document`; absent when unknown. */
  recordSchemas: Map<string, unknown>;
  /** The document the record schemas' `$ref`s point into. */
  document: unknown;
  warnings: string[];
}

export interface RecordTypesOptions {
  /** `--strict`: a resource whose record type cannot be derived is a `ConfigError` (listing every such resource), not a warning. */
  strict?: boolean;
  /** The folder relative `schemaFile`s are resolved against (the config's); default the working directory. */
  baseDir?: string;
}

const UNKNOWN_RECORD = "Record<string, unknown>";

function fallbackDeclaration(name: string, why: string): TypeDeclaration {
  return { name, text: `/** One record. Its fields are not known: ${commentText(why)}. */\nexport type ${name} = ${UNKNOWN_RECORD};` };
}

/** The base URL to match spec paths under: the configured one, or a run-time value's default. */
function literalBaseUrl(model: ConnectorModel): string {
  return typeof model.baseUrl === "string" ? model.baseUrl : String(model.baseUrl.defaultValue ?? "");
}

/** Where one resource's record schema comes from, or why it has none (with the config key to blame). */
type Source = { schema: unknown } | { missing: string; path: string; quiet?: boolean };

/** The record schema of a resource from the OpenAPI document: its operation's response, down the `data_selector`. */
function fromOpenApi(openapi: JsonObject | undefined, model: ConnectorModel, resource: ResourceModel, where: string): Source {
  if (openapi === undefined) return { missing: "the config names no OpenAPI document", path: where, quiet: true };
  const matched = matchOperation(openapi, literalBaseUrl(model), resource.method, resource.path);
  if (matched === undefined) {
    const near = closestPaths(openapi, resource.path);
    return {
      missing: `no ${resource.method} ${resource.path} in the OpenAPI document${near.length ? `; closest paths: ${near.join(", ")}` : ""}`,
      path: `${where}.endpoint.path`,
    };
  }
  const found = recordSchema(openapi, matched.operation, resource.dataSelector);
  return "missing" in found ? { missing: found.missing, path: `${where}.endpoint.data_selector` } : found;
}

/**
 * Stage `types`: derives each resource's record type from its own JSON Schema
 * file, else from the OpenAPI document (the operation's JSON success response,
 * followed down the `data_selector`, or the one the runtime would detect),
 * refined by its dlt `columns` hints. A resource without a schema gets
 * `Record<string, unknown>` and a warning saying why; with `strict`, an error.
 */
export async function recordTypes(
  model: ConnectorModel,
  openapi: JsonObject | undefined,
  reservedNames: Iterable<string> = [],
  options: RecordTypesOptions = {},
): Promise<RecordTypes> {
  const reserved = [...reservedNames];
  // Helper types openapi-typescript may print keep their names, so no record type may take one.
  const names = uniqueNames(model.resources.map((resource) => typeName(resource.name)), [...reserved, ...HELPER_NAMES]);
  const recordTypeNames = new Map(model.resources.map((resource, index) => [resource.name, names[index]!]));

  const files = new Map<string, SchemaFile & { where: string }>();
  for (const [index, resource] of model.resources.entries()) {
    if (resource.schemaFile === undefined) continue;
    const file = isAbsolute(resource.schemaFile) ? resource.schemaFile : resolve(options.baseDir ?? ".", resource.schemaFile);
    files.set(names[index]!, { ...(await readSchemaFile(file, `resources[${index}].schema`)), where: `resources[${index}].schema` });
  }
  const { document, roots: fileRoots } = mountSchemaFiles(openapi, files);

  const warnings: string[] = [];
  const issues: ConfigIssue[] = [];
  const roots = new Map<string, unknown>();
  const fallbacks = new Map<string, TypeDeclaration>();
  model.resources.forEach((resource, index) => {
    const name = names[index]!;
    const where = `resources[${index}]`;
    const fileRoot = fileRoots.get(name);
    const source: Source = fileRoot === undefined ? fromOpenApi(openapi, model, resource, where) : { schema: fileRoot };
    if ("missing" in source && !source.quiet) {
      const fallback = source.path.endsWith(".path") ? "" : `; its records are typed ${UNKNOWN_RECORD}`;
      warnings.push(`${where} (${resource.name}): ${source.missing}${fallback}`);
      issues.push({ path: source.path, message: source.missing });
    }
    if (resource.columns !== undefined && Object.keys(resource.columns).length > 0) {
      const refined = applyColumnHints(document, "schema" in source ? source.schema : undefined, resource.columns);
      for (const problem of refined.problems) {
        warnings.push(`${where} (${resource.name}): columns.${problem.column}: ${problem.message}`);
        issues.push({ path: `${where}.columns.${problem.column}.data_type`, message: problem.message });
      }
      roots.set(name, refined.schema);
    } else if ("schema" in source) {
      roots.set(name, source.schema);
    } else {
      fallbacks.set(name, fallbackDeclaration(name, source.missing));
    }
  });
  if (options.strict === true && issues.length > 0) throw new ConfigError(issues);

  // The query parameters each matched operation declares, typed for `createSource({ params })`.
  const paramTypeNames = new Map<string, string>();
  const paramNames = uniqueNames(
    names.map((name) => `${name}Params`),
    [...names, ...reserved, ...HELPER_NAMES],
  );
  model.resources.forEach((resource, index) => {
    const matched = openapi && matchOperation(openapi, literalBaseUrl(model), resource.method, resource.path);
    // The credential's own query param is the auth's to set, not an override.
    const auth = resource.auth;
    const credentialParam =
      auth?.type === "api_key" && (auth.options["location"] === "query" || auth.options["location"] === "param") && typeof auth.options["name"] === "string"
        ? [auth.options["name"]]
        : [];
    const schema = matched ? queryParamsSchema(openapi, matched, new Set(credentialParam)) : undefined;
    if (schema === undefined) return;
    roots.set(paramNames[index]!, schema);
    paramTypeNames.set(resource.name, paramNames[index]!);
  });

  // openapi-typescript (and the TypeScript compiler under it) load only when there are schemas to print.
  const derived = roots.size === 0 ? [] : await (await import("./schema-declarations.js")).schemaDeclarations(document, roots, reserved);
  const byName = new Map(derived.map((declaration) => [declaration.name, declaration]));
  const declarations = names.map((name) => byName.get(name) ?? fallbacks.get(name)!);
  declarations.push(...derived.filter((declaration) => !names.includes(declaration.name)));
  const recordSchemas = new Map<string, unknown>();
  model.resources.forEach((resource, index) => {
    const schema = roots.get(names[index]!);
    if (schema !== undefined) recordSchemas.set(resource.name, schema);
  });
  return {
    recordTypeNames,
    paramTypeNames,
    configValueTypes: configValueTypes(model, openapi, literalBaseUrl(model)),
    declarations,
    recordSchemas,
    document,
    warnings,
  };
}
