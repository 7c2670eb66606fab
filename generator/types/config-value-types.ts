import { ConfigValue, type ConnectorModel, type ResourceModel } from "../model.js";
import { dereference, isJsonObject, type JsonObject } from "./json-pointer.js";
import { matchOperation } from "./match-operation.js";

/** The type of a run-time value in `createSource({ config })`, and how the runtime reads it from the environment. */
export interface ConfigValueType {
  kind: "string" | "number" | "boolean";
  /** The values the spec allows, when it lists them: a literal union. */
  enum?: (string | number)[];
}

/** What a spec parameter's schema says about a value, when it says something this type can hold. */
function typeOfSchema(document: JsonObject, raw: JsonObject): ConfigValueType | undefined {
  // Swagger 2.0 non-body parameters keep their schema keywords on the parameter itself.
  const node = dereference(document, raw["schema"] ?? raw);
  if (!isJsonObject(node)) return undefined;
  const type = Array.isArray(node["type"]) ? node["type"].find((entry) => entry !== "null") : node["type"];
  const kind = type === "integer" || type === "number" ? "number" : type === "boolean" ? "boolean" : type === "string" ? "string" : undefined;
  if (kind === undefined) return undefined;
  const allowed = Array.isArray(node["enum"]) ? node["enum"] : undefined;
  const literals = allowed?.filter((value): value is string | number => (kind === "number" ? typeof value === "number" : typeof value === "string"));
  return kind !== "boolean" && literals !== undefined && literals.length > 0 && literals.length === allowed!.length ? { kind, enum: literals } : { kind };
}

/** The parameters of the operation a resource reads, by `in` and name (header names lower-cased). */
function specParameters(document: JsonObject, baseUrl: string, resource: ResourceModel): Map<string, JsonObject> {
  const matched = matchOperation(document, baseUrl, resource.method, resource.path);
  const found = new Map<string, JsonObject>();
  if (matched === undefined) return found;
  const item = isJsonObject(document["paths"]) ? dereference(document, document["paths"][matched.path]) : undefined;
  const declared = [
    ...(isJsonObject(item) && Array.isArray(item["parameters"]) ? item["parameters"] : []),
    ...(Array.isArray(matched.operation["parameters"]) ? matched.operation["parameters"] : []),
  ];
  for (const raw of declared) {
    const parameter = dereference(document, raw);
    if (!isJsonObject(parameter) || typeof parameter["name"] !== "string" || typeof parameter["in"] !== "string") continue;
    const name = parameter["in"] === "header" ? parameter["name"].toLowerCase() : parameter["name"];
    found.set(`${parameter["in"]}:${name}`, parameter);
  }
  return found;
}

function merge(a: ConfigValueType | undefined, b: ConfigValueType): ConfigValueType {
  if (a === undefined) return b;
  if (a.kind !== b.kind) return { kind: "string" };
  if (a.enum === undefined || b.enum === undefined) return { kind: a.kind };
  return { kind: a.kind, enum: [...new Set([...a.enum, ...b.enum])] };
}

/**
 * The type of each run-time value: from the spec parameter it fills (a path
 * placeholder, query param or header of the operation a resource reads), else
 * from its default, else `string`. A value that fills parameters of different
 * types is a `string`, which every request can carry.
 */
export function configValueTypes(model: ConnectorModel, document: JsonObject | undefined, baseUrl: string): Map<string, ConfigValueType> {
  const fromSpec = new Map<string, ConfigValueType>();
  if (document !== undefined) {
    for (const resource of model.resources) {
      const parameters = specParameters(document, baseUrl, resource);
      if (parameters.size === 0) continue;
      const uses: [string, ConfigValue][] = [
        ...Object.entries(resource.pathValues).map(([name, value]): [string, ConfigValue] => [`path:${name}`, value]),
        ...Object.entries(resource.params).flatMap(([name, value]): [string, ConfigValue][] => (value instanceof ConfigValue ? [[`query:${name}`, value]] : [])),
        ...Object.entries(resource.headers).flatMap(([name, value]): [string, ConfigValue][] =>
          value instanceof ConfigValue ? [[`header:${name.toLowerCase()}`, value]] : [],
        ),
      ];
      for (const [key, value] of uses) {
        const parameter = parameters.get(key);
        const type = parameter === undefined ? undefined : typeOfSchema(document, parameter);
        if (type !== undefined) fromSpec.set(value.name, merge(fromSpec.get(value.name), type));
      }
    }
  }
  const types = new Map<string, ConfigValueType>();
  for (const value of model.configValues) {
    const fallback = value.defaultValue;
    const byDefault: ConfigValueType = { kind: typeof fallback === "number" ? "number" : typeof fallback === "boolean" ? "boolean" : "string" };
    types.set(value.name, fromSpec.get(value.name) ?? byDefault);
  }
  return types;
}
