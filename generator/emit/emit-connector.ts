import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { ConnectorModel, ResourceModel } from "../model.js";
import type { RecordTypes } from "../types/record-types.js";
import { componentCall, type ComponentCall } from "./components.js";
import { connectorHeader, runtimeHeader } from "./header.js";
import { commentText, lineCommentText, propertyAccess, propertyKey, stringLiteral, valueExpression } from "./literal.js";
import { runtimeFiles } from "./runtime-files.js";

/** A file of the connector, its path relative to the output folder. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates", "connector", "index.ts.hbs");

/** Runtime modules every connector imports, beside its paginators and auth types. */
const BASE_IMPORTS: Record<string, { names: string[]; typeOnly?: boolean }> = {
  "client.ts": { names: ["createHttpClient"] },
  "redact.ts": { names: ["createRedactor"] },
  "resource.ts": { names: ["createResource"] },
  "secrets.ts": { names: ["resolveSecrets"] },
  "source.ts": { names: ["SourceOptions"], typeOnly: true },
  "errors.ts": { names: [] },
};

function objectExpression(entries: [string, string | undefined][]): string {
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `{ ${present.map(([key, value]) => `${propertyKey(key)}: ${value}`).join(", ")} }`;
}

function metadataExpression(resource: ResourceModel): string {
  return objectExpression([
    ["tableName", stringLiteral(resource.tableName)],
    ["primaryKey", resource.primaryKey === undefined ? undefined : valueExpression(resource.primaryKey)],
    ["writeDisposition", valueExpression(resource.writeDisposition)],
    ["selected", String(resource.selected)],
  ]);
}

function definitionExpression(resource: ResourceModel, paginator: ComponentCall): string {
  return objectExpression([
    ["name", stringLiteral(resource.name)],
    ["baseUrl", "baseUrl"],
    ["path", stringLiteral(resource.path)],
    ["method", stringLiteral(resource.method)],
    ["params", valueExpression(resource.params)],
    ["headers", valueExpression(resource.headers)],
    ["json", resource.json === undefined ? undefined : valueExpression(resource.json)],
    ["dataSelector", resource.dataSelector === undefined ? undefined : stringLiteral(resource.dataSelector)],
    ["paginator", paginator.expression],
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
  const use = (call: ComponentCall) => {
    const entry = entries.get(call.file) ?? { names: new Set<string>() };
    entry.names.add(call.factory);
    entries.set(call.file, entry);
  };

  // One HTTP client per distinct auth, in order of first use: resources that share an auth share a client.
  const clients: { key: string; variable: string; auth: string }[] = [];
  const resources = model.resources.map((resource, index) => {
    const where = `resources[${index}]`;
    const paginator = componentCall("paginator", resource.paginator, `${where}.endpoint.paginator`);
    use(paginator);
    const authCall = resource.auth === undefined ? undefined : componentCall("auth", resource.auth, `${where}.endpoint.auth`);
    if (authCall) use(authCall);
    const authKey = authCall?.expression ?? "undefined";
    let client = clients.find((candidate) => candidate.key === authKey);
    if (client === undefined) {
      client = { key: authKey, variable: clients.length === 0 ? "client" : `client${clients.length + 1}`, auth: authKey };
      clients.push(client);
    }
    const metadataAccess = propertyAccess("resourceMetadata", resource.name);
    return {
      key: propertyKey(resource.name),
      typeName: types.recordTypeNames.get(resource.name)!,
      metadata: metadataExpression(resource),
      metadataAccess,
      client: client.variable,
      definition: definitionExpression(resource, paginator),
    };
  });

  const imports = [...entries.entries()]
    .filter(([, entry]) => entry.names.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, entry]) => ({
      from: stringLiteral(`./runtime/${file.replace(/\.ts$/, ".js")}`),
      names: [...entry.names].sort().join(", "),
      typeOnly: entry.typeOnly === true,
    }));

  const template = Handlebars.compile(await readFile(TEMPLATE, "utf8"), { noEscape: true, strict: true });
  const index = template({
    header: connectorHeader(source.configFile),
    imports,
    hasSchema: source.schemaFile !== undefined,
    schemaSource: lineCommentText(source.schemaFile ?? ""),
    declarations: types.declarations,
    resources,
    clients,
    secretNames: model.secrets.map(stringLiteral).join(", "),
    secretDoc: commentText(model.secrets.map((name) => `\`${name}\``).join(", ")),
    sourceName: model.name.replace(/[^\w.-]/g, "_"),
    baseUrl: stringLiteral(model.baseUrl),
  });

  const runtime = await runtimeFiles(entries.keys());
  return [
    { path: "index.ts", contents: index },
    ...runtime.map((file) => ({ path: `runtime/${file.path}`, contents: `${runtimeHeader(file.path)}\n\n${file.contents}` })),
  ];
}

