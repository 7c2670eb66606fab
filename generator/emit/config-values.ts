import { ConfigValue, type ConnectorModel, type ResourceModel, type Value } from "../model.js";
import { collectConfigValues } from "../normalize/config-values.js";
import type { ConfigValueType } from "../types/config-value-types.js";
import { environmentVariableFor } from "../../templates/runtime/secrets.js";
import { CONFIG_VARIABLE, commentText, propertyAccess, propertyKey, stringLiteral, valueExpression } from "./literal.js";

/** What the connector template needs to declare, resolve and document the run-time values. */
export interface ConfigValuesTemplate {
  /** Members of the exported `ConfigValues` interface. */
  fields: { key: string; type: string; doc: string }[];
  /** The `configValueSpecs` object literal `resolveConfigValues` reads. */
  specs: string;
  /** The names, for the `createSource` doc comment. */
  doc: string;
}

function typeText(type: ConfigValueType): string {
  return type.enum === undefined ? type.kind : type.enum.map((value) => (typeof value === "string" ? stringLiteral(value) : String(value))).join(" | ");
}

function specExpression(value: ConfigValue, type: ConfigValueType): string {
  const entries = [`kind: ${stringLiteral(type.kind)}`];
  if (type.enum !== undefined) entries.push(`enum: ${valueExpression(type.enum)}`);
  if (value.defaultValue !== undefined) entries.push(`default: ${valueExpression(value.defaultValue)}`);
  return `{ ${entries.join(", ")} }`;
}

/** The template's view of the model's run-time values; `undefined` when there are none. */
export function configValuesTemplate(model: ConnectorModel, types: ReadonlyMap<string, ConfigValueType>): ConfigValuesTemplate | undefined {
  if (model.configValues.length === 0) return undefined;
  const typeOf = (value: ConfigValue): ConfigValueType => types.get(value.name) ?? { kind: "string" };
  return {
    fields: model.configValues.map((value) => ({
      key: propertyKey(value.name),
      type: typeText(typeOf(value)),
      doc: commentText(
        `From \`options.config\`, else the environment variable ${environmentVariableFor(value.name)}` +
          (value.defaultValue === undefined ? "; no default: the resources that need it cannot be read without it." : `, else ${JSON.stringify(value.defaultValue)}.`),
      ),
    })),
    specs: `{ ${model.configValues.map((value) => `${propertyKey(value.name)}: ${specExpression(value, typeOf(value))}`).join(", ")} }`,
    doc: commentText(model.configValues.map((value) => `\`${value.name}\``).join(", ")),
  };
}

/** The name of the runtime helper that keeps a run-time value's braces from being read as placeholders. */
export const LITERAL_TEXT = "literalText";

/** A value that must be text where it is used (the base URL): a run-time number or boolean is converted. */
export function textExpression(value: Value, types: ReadonlyMap<string, ConfigValueType>): string {
  if (value instanceof ConfigValue && (types.get(value.name)?.kind ?? "string") !== "string") return `String(${propertyAccess(CONFIG_VARIABLE, value.name)})`;
  return valueExpression(value);
}

/**
 * Params, headers and JSON bodies, whose strings the runtime expands as placeholder
 * templates: a run-time value is sent as it is (its braces doubled), as text in headers.
 * `used` is set when the expression calls `literalText`.
 */
export function templatedExpression(value: Value, types: ReadonlyMap<string, ConfigValueType>, asText: boolean, used: { literalText: boolean }): string {
  return valueExpression(value, "secrets", (config) => {
    const access = propertyAccess(CONFIG_VARIABLE, config.name);
    const kind = types.get(config.name)?.kind ?? "string";
    if (kind !== "string") return asText ? `String(${access})` : access;
    used.literalText = true;
    return `${LITERAL_TEXT}(${access})`;
  });
}

/**
 * The resource's path: a string literal, or, when run-time values fill some of its
 * placeholders, a concatenation that URL-encodes them (so no value can add a path
 * segment, a query, or a placeholder of its own).
 */
export function pathExpression(resource: ResourceModel): string {
  const names = Object.keys(resource.pathValues);
  if (names.length === 0) return stringLiteral(resource.path);
  const placeholders = new RegExp(`\\{(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\}`);
  const parts = resource.path.split(placeholders);
  // split with one capture group alternates literal text and placeholder names.
  return parts
    .map((part, index) =>
      index % 2 === 0 ? (part === "" ? undefined : stringLiteral(part)) : `encodeURIComponent(${propertyAccess(CONFIG_VARIABLE, resource.pathValues[part]!.name)})`,
    )
    .filter((part): part is string => part !== undefined)
    .join(" + ");
}

/**
 * `missingConfigValues(config, [...])` for a resource that reads run-time values (the base
 * URL's included): it is read only when they were given, and says which were not.
 */
export function unavailableExpression(model: ConnectorModel, resource: ResourceModel): string | undefined {
  const found: ConfigValue[] = model.baseUrl instanceof ConfigValue ? [model.baseUrl] : [];
  for (const value of [resource.pathValues, resource.params, resource.headers, resource.json ?? {}, resource.auth?.options ?? {}, resource.incremental ?? {}]) {
    collectConfigValues(value, found);
  }
  const names = [...new Set(found.map((value) => value.name))].sort();
  return names.length === 0 ? undefined : `missingConfigValues(${CONFIG_VARIABLE}, ${valueExpression(names)})`;
}
