import { ConfigValue, SecretValue, type Value } from "../model.js";

/**
 * The one escaping layer between config or spec strings and emitted code:
 * every such string reaches the output only through a function of this file,
 * as a string literal, a sanitized identifier, a property key or a comment.
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await async of any boolean number " +
    "string symbol unknown never object undefined type declare namespace module require arguments eval"
  ).split(" "),
);

/** A string literal: JSON's escaping, plus the two line separators JSON leaves raw. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A key for an object literal or type member: bare when it is a plain identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  // `__proto__` as a plain or quoted key would set the prototype; computed keys make it an own property.
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** `object.name` or `object["name"]`, whichever is valid for `name`; `object` may end in `?` for optional chaining. */
export function propertyAccess(object: string, name: string): string {
  const optional = object.endsWith("?");
  if (IDENTIFIER.test(name) && name !== "__proto__") return `${object}.${name}`;
  return `${object}${optional ? "." : ""}[${stringLiteral(name)}]`;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
}

/** A PascalCase type name for `name` (`resource_name` → `ResourceName`), always a valid, non-reserved identifier. */
export function typeName(name: string): string {
  const pascal = words(name)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
  if (pascal === "") return "Record_";
  return /^[0-9]/.test(pascal) ? `_${pascal}` : pascal;
}

/** A camelCase identifier for `name`, never a reserved word. */
export function identifier(name: string): string {
  const pascal = typeName(name);
  const camel = pascal.startsWith("_") ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
  return RESERVED.has(camel) ? `${camel}_` : camel;
}

/** Makes names unique in order of appearance: a name already taken gets `2`, `3`, … appended. */
export function uniqueNames(names: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let candidate = name;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${name}${suffix}`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * Text for inside a `/** … *\/` comment: nothing in it can end the comment early, and no
 * line of it can become a `@ts-ignore` / `@ts-expect-error` directive that hides a type error.
 */
export function commentText(text: string): string {
  return text
    .replace(/\*\//g, "*\\/")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/@ts-/g, "\\@ts-");
}

/** Text for a `//` comment: a line break in it cannot start a line of code. */
export function lineCommentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/** The variable the generated `createSource` keeps its resolved run-time values in. */
export const CONFIG_VARIABLE = "config";

/**
 * A TypeScript expression for a config value. Secrets become reads of `secretsVariable`,
 * so the value itself never reaches the output; run-time values become reads of `config`,
 * or what `configExpression` makes of them.
 */
export function valueExpression(
  value: Value,
  secretsVariable = "secrets",
  configExpression: (value: ConfigValue) => string = (config) => propertyAccess(CONFIG_VARIABLE, config.name),
): string {
  if (value instanceof SecretValue) return propertyAccess(secretsVariable, value.name);
  if (value instanceof ConfigValue) return configExpression(value);
  if (value === null) return "null";
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => valueExpression(item, secretsVariable, configExpression)).join(", ")}]`;
  const entries = Object.entries(value).map(([key, child]) => `${propertyKey(key)}: ${valueExpression(child, secretsVariable, configExpression)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}
