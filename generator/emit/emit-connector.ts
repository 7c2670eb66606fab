import type { ConnectorModel, ResourceModel, Value } from "../model.js";
import type { RecordTypes } from "../types/record-types.js";
import { deriveTables } from "../tables/derive-tables.js";
import type { ConfigValueType } from "../types/config-value-types.js";
import { componentCall, type ComponentCall } from "./components.js";
import { connectorTemplate } from "./connector-template.js";
import { configValuesTemplate, LITERAL_TEXT, pathExpression, templatedExpression, textExpression, unavailableExpression } from "./config-values.js";
import { connectorHeader, runtimeHeader } from "./header.js";
import {
  commentText,
  identifier,
  lineCommentText,
  propertyAccess,
  propertyKey,
  stringLiteral,
  uniqueNames,
  valueExpression,
} from "./literal.js";
import { MODULE_EXPORTS } from "./module-exports.js";
import { runtimeFiles } from "./runtime-files.js";

/** A file of the connector, its path relative to the output folder. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Runtime modules every connector imports, beside its paginators and auth types. */
const BASE_IMPORTS: Record<string, { names: string[]; typeOnly?: boolean }> = {
  "client.ts": { names: ["createHttpClient"] },
  "redact.ts": { names: ["createRedactor"] },
  "resource.ts": { names: ["createResource"] },
  "secrets.ts": { names: ["resolveSecrets"] },
  "source.ts": { names: ["SourceOptions"], typeOnly: true },
  "state.ts": { names: ["memoryStateStore", "type StateStore"] },
  "transform.ts": { names: ["ResourcesOf", "TransformsFor"], typeOnly: true },
  "errors.ts": { names: [] },
  "sync-error.ts": { names: [] },
  "destinations/destination.ts": { names: ["Destination"], typeOnly: true },
  "sync/sync.ts": { names: ["SyncOptions", "SyncSummary"], typeOnly: true },
};

/** The runtime file of each destination and what the connector re-exports from it. */
const DESTINATION_EXPORTS: Record<ConnectorModel["destinations"][number], { file: string; names: string[] }> = {
  duckdb: { file: "destinations/duckdb.ts", names: ["duckdbDestination", "type DuckdbDestinationOptions"] },
  postgres: { file: "destinations/postgres.ts", names: ["postgresDestination", "type PostgresDestinationOptions"] },
};

function objectExpression(entries: [string, string | undefined][]): string {
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `{ ${present.map(([key, value]) => `${propertyKey(key)}: ${value}`).join(", ")} }`;
}

function metadataExpression(resource: ResourceModel): string {
  return objectExpression([
    ["tableName", stringLiteral(resource.tableName)],
    ["primaryKey", resource.primaryKey === undefined ? undefined : valueExpression(resource.primaryKey)],
    ["mergeKey", resource.mergeKey === undefined ? undefined : valueExpression(resource.mergeKey)],
    ["writeDisposition", valueExpression(resource.writeDisposition)],
    ["columns", resource.columns === undefined ? undefined : valueExpression(resource.columns as Value)],
    ["maxTableNesting", resource.maxTableNesting === undefined ? undefined : String(resource.maxTableNesting)],
    ["deletes", resource.deletes === undefined ? undefined : stringLiteral(resource.deletes)],
    ["selected", String(resource.selected)],
  ]);
}

/** What `sync` needs of a resource: its pages, its metadata, where its cursor lives in the state. */
function syncResourceExpression(resource: ResourceModel, variable: string, metadataAccess: string): string {
  const cursor = resource.incremental?.["cursor_path"];
  return objectExpression([
    ["name", stringLiteral(resource.name)],
    ["pages", `() => ${variable}.pages()`],
    ["metadata", metadataAccess],
    ["incrementalCursor", typeof cursor === "string" ? stringLiteral(cursor) : undefined],
    ["tables", propertyAccess("tables", resource.name)],
  ]);
}

function parentExpression(resource: ResourceModel, variables: ReadonlyMap<string, string>): string | undefined {
  if (resource.parent === undefined) return undefined;
  const parentVariable = variables.get(resource.parent.name)!;
  return objectExpression([
    ["name", stringLiteral(resource.parent.name)],
    ["records", `() => ${parentVariable}.records()`],
    ["includeFromParent", resource.parent.includeFromParent.length === 0 ? undefined : valueExpression(resource.parent.includeFromParent)],
    ["concurrency", resource.parent.parallelized ? "options.concurrency ?? 4" : undefined],
  ]);
}

function definitionExpression(
  resource: ResourceModel,
  paginator: ComponentCall,
  parent: string | undefined,
  configTypes: ReadonlyMap<string, ConfigValueType>,
  used: { literalText: boolean },
  unavailable: string | undefined,
): string {
  return objectExpression([
    ["name", stringLiteral(resource.name)],
    ["baseUrl", "baseUrl"],
    ["path", pathExpression(resource)],
    ["method", stringLiteral(resource.method)],
    ["params", templatedExpression(resource.params, configTypes, false, used)],
    ["headers", templatedExpression(resource.headers, configTypes, true, used)],
    ["json", resource.json === undefined ? undefined : templatedExpression(resource.json, configTypes, false, used)],
    ["dataSelector", resource.dataSelector === undefined ? undefined : stringLiteral(resource.dataSelector)],
    ["paginator", paginator.expression],
    ["responseActions", resource.responseActions.length === 0 ? undefined : valueExpression(resource.responseActions)],
    ["incremental", resource.incremental === undefined ? undefined : valueExpression(resource.incremental)],
    ["parent", parent],
    ["unavailable", unavailable],
  ]);
}

/**
 * Stage `emit`: renders the connector's `index.ts` from its Handlebars template
 * and adds the runtime files it imports. Every value the template receives is
 * already a safe code fragment from `literal.ts`; the template only lays them out.
 */
export async function emitConnector(
  model: ConnectorModel,
  types: RecordTypes,
  source: { configFile: string; schemaFile: string | undefined },
): Promise<GeneratedFile[]> {
  const entries = new Map(Object.entries(BASE_IMPORTS).map(([file, spec]) => [file, { ...spec, names: new Set(spec.names) }]));
  const importName = (file: string, name: string) => {
    const entry = entries.get(file) ?? { names: new Set<string>() };
    entry.names.add(name);
    entries.set(file, entry);
  };

  // One HTTP client per distinct auth, in order of first use: resources that share an auth share a client.
  const clients: { variable: string; auth: string }[] = [];
  const variableNames = uniqueNames(
    model.resources.map((resource) => `${identifier(resource.name)}Resource`),
    ["options", "secrets", "config", "baseUrl", "http", "state", "resourceOptions", "transforms", "paramOverrides", "client", ...model.resources.map((_, index) => `client${index + 1}`)],
  );
  const variables = new Map(model.resources.map((resource, index) => [resource.name, variableNames[index]!]));
  const recordTypes = new Map<string, string>();
  const parentFieldTypes: { child: string; name: string; base: string; fields: string }[] = [];
  const takenTypeNames = new Set([...MODULE_EXPORTS, ...types.declarations.map((declaration) => declaration.name)]);
  // Resources whose operation declares no query params take any: the runtime's QueryValue map.
  const paramsType = (name: string) => {
    const declared = types.paramTypeNames.get(name);
    if (declared !== undefined) return declared;
    importName("request.ts", "type QueryValue");
    return "Record<string, QueryValue>";
  };
  const used = { literalText: false };
  const resources = model.resources.map((resource, index) => {
    const where = `resources[${index}]`;
    const paginator = componentCall("paginator", resource.paginator, `${where}.endpoint.paginator`);
    importName(paginator.file, paginator.factory);
    const authCall = resource.auth === undefined ? undefined : componentCall("auth", resource.auth, `${where}.endpoint.auth`);
    if (authCall) importName(authCall.file, authCall.factory);
    const auth = authCall?.expression ?? "undefined";
    let client = clients.find((candidate) => candidate.auth === auth);
    if (client === undefined) {
      client = { variable: clients.length === 0 ? "client" : `client${clients.length + 1}`, auth };
      clients.push(client);
    }
    const metadataAccess = propertyAccess("resourceMetadata", resource.name);
    const baseType = types.recordTypeNames.get(resource.name)!;
    let recordType = baseType;
    const included = resource.parent?.includeFromParent ?? [];
    if (resource.parent && included.length > 0) {
      const parentType = recordTypes.get(resource.parent.name) ?? "unknown";
      const [name] = uniqueNames([`${baseType}WithParent`], takenTypeNames);
      takenTypeNames.add(name!);
      const fields = included.map(
        (field) => `${propertyKey(`_${resource.parent!.name}_${field}`)}: FieldOf<${parentType}, ${stringLiteral(field)}>`,
      );
      importName("transform.ts", "FieldOf");
      parentFieldTypes.push({ child: commentText(resource.name).replace(/`/g, "'"), name: name!, base: baseType, fields: fields.join("; ") });
      recordType = name!;
    }
    recordTypes.set(resource.name, recordType);
    return {
      key: propertyKey(resource.name),
      variable: variables.get(resource.name)!,
      recordType,
      metadata: metadataExpression(resource),
      metadataAccess,
      transformAccess: propertyAccess("transforms", resource.name),
      timeoutAccess: `${propertyAccess("resourceOptions", resource.name)}?.timeoutMs`,
      settingsAccess: propertyAccess("resourceOptions", resource.name),
      paramsAccess: propertyAccess("paramOverrides", resource.name),
      paramsType: paramsType(resource.name),
      client: client.variable,
      definition: definitionExpression(resource, paginator, parentExpression(resource, variables), types.configValueTypes, used, unavailableExpression(model, resource)),
      syncResource: syncResourceExpression(resource, variables.get(resource.name)!, metadataAccess),
      tables: valueExpression(tablesOf(resource) as unknown as Value),
    };
  });

  const configValues = configValuesTemplate(model, types.configValueTypes);
  if (configValues !== undefined) {
    importName("config-values.ts", "resolveConfigValues");
    importName("config-values.ts", "missingConfigValues");
  }
  if (used.literalText) importName("config-values.ts", LITERAL_TEXT);

  const imports = [...entries.entries()]
    .filter(([, entry]) => entry.names.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, entry]) => ({
      from: stringLiteral(`./runtime/${file.replace(/\.ts$/, ".js")}`),
      names: [...entry.names].sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""))).join(", "),
      typeOnly: entry.typeOnly === true,
    }));

  function tablesOf(resource: ResourceModel) {
    const schema = types.recordSchemas.get(resource.name);
    return schema === undefined ? [] : deriveTables(types.document, schema, resource);
  }

  const destinationExports = model.destinations.map((destination) => ({
    from: stringLiteral(`./runtime/${DESTINATION_EXPORTS[destination].file.replace(/\.ts$/, ".js")}`),
    names: DESTINATION_EXPORTS[destination].names.join(", "),
  }));

  const index = connectorTemplate()({
    header: connectorHeader(source.configFile),
    imports,
    destinationExports,
    hasSchema: source.schemaFile !== undefined,
    schemaSource: lineCommentText(source.schemaFile ?? ""),
    declarations: types.declarations,
    parentFieldTypes,
    resources,
    clients,
    secretNames: model.secrets.map(stringLiteral).join(", "),
    secretDoc: commentText(model.secrets.map((name) => `\`${name}\``).join(", ")),
    sourceName: model.name.replace(/[^\w.-]/g, "_"),
    sourceNameLiteral: stringLiteral(model.name),
    baseUrl: typeof model.baseUrl === "string" ? stringLiteral(model.baseUrl) : textExpression(model.baseUrl, types.configValueTypes),
    configValues,
  });

  const runtime = await runtimeFiles([...entries.keys(), ...model.destinations.map((destination) => DESTINATION_EXPORTS[destination].file)]);
  return [
    { path: "index.ts", contents: index },
    ...runtime.map((file) => ({ path: `runtime/${file.path}`, contents: `${runtimeHeader(file.path)}\n\n${file.contents}` })),
  ];
}

