import { findFirst, parseJsonPath } from "./json-path.js";
import type { JsonValue, QueryValue } from "./request.js";

/**
 * `{resources.<parent>.<field>}` and `{incremental.<value>}` placeholders in an
 * endpoint's path, params, headers and JSON body (reference §2.2, §6, §7), in
 * Python `str.format` syntax: `{{` and `}}` are literal braces.
 */
export interface PlaceholderValues {
  /** The parent resource's name and the record this child request is for. */
  parent?: { name: string; record: unknown } | undefined;
  incremental?:
    | { start_value: unknown; last_value: unknown; initial_value: unknown; end_value: unknown }
    | undefined;
}

/** A placeholder that cannot be filled, e.g. a parent record without the field. */
export class PlaceholderError extends Error {
  override name = "PlaceholderError";
}

type Part = string | { expression: string };

const compiled = new Map<string, Part[]>();

function parts(template: string): Part[] {
  const cached = compiled.get(template);
  if (cached) return cached;
  const result: Part[] = [];
  let literal = "";
  for (let index = 0; index < template.length; index++) {
    const char = template[index];
    const next = template[index + 1];
    if ((char === "{" && next === "{") || (char === "}" && next === "}")) {
      literal += char;
      index++;
    } else if (char === "{") {
      const close = template.indexOf("}", index);
      if (close < 0) throw new PlaceholderError(`unclosed "{" in ${JSON.stringify(template)}`);
      if (literal !== "") result.push(literal);
      literal = "";
      result.push({ expression: template.slice(index + 1, close).trim() });
      index = close;
    } else {
      literal += char;
    }
  }
  if (literal !== "") result.push(literal);
  compiled.set(template, result);
  return result;
}

function lookup(expression: string, values: PlaceholderValues): unknown {
  const [scope, name, ...rest] = expression.split(".");
  if (
    scope === "incremental" &&
    values.incremental &&
    name !== undefined &&
    name in values.incremental &&
    rest.length === 0
  ) {
    return values.incremental[name as keyof typeof values.incremental];
  }
  if (scope === "resources" && values.parent && name === values.parent.name && rest.length > 0) {
    const field = rest.join(".");
    const { found, value } = findFirst(parseJsonPath(field), values.parent.record);
    if (!found) {
      const record = values.parent.record;
      const available =
        typeof record === "object" && record !== null
          ? Object.keys(record).join(", ")
          : typeof record;
      throw new PlaceholderError(
        `the ${name} record has no field "${field}" (it has: ${available})`,
      );
    }
    return value;
  }
  throw new PlaceholderError(`{${expression}} cannot be filled here`);
}

/** Sets an own property: a plain assignment to a key named `__proto__` would set the prototype instead. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const text = (value: unknown): string =>
  typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);

/** Fills a string's placeholders; `encode` is applied to each value (path segments are URL-encoded). */
export function expandString(
  template: string,
  values: PlaceholderValues,
  encode: (value: string) => string = (value) => value,
): string {
  if (!template.includes("{") && !template.includes("}")) return template;
  return parts(template)
    .map((part) =>
      typeof part === "string" ? part : encode(text(lookup(part.expression, values))),
    )
    .join("");
}

/** Fills a JSON body: a string that is exactly one placeholder keeps the value's type, as dlt does. */
export function expandJson(value: JsonValue, values: PlaceholderValues): JsonValue {
  if (typeof value === "string") {
    const template = parts(value);
    const only = template.length === 1 ? template[0] : undefined;
    if (only !== undefined && typeof only !== "string")
      return lookup(only.expression, values) as JsonValue;
    return expandString(value, values);
  }
  if (Array.isArray(value)) return value.map((item) => expandJson(item, values));
  if (typeof value === "object" && value !== null) {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, child] of Object.entries(value))
      setOwn(result, expandString(key, values), expandJson(child, values));
    return result;
  }
  return value;
}

/** Fills query params; a value that becomes `null` or `undefined` is not sent. */
export function expandQuery(
  query: Record<string, QueryValue>,
  values: PlaceholderValues,
): Record<string, QueryValue> {
  const result: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === "string") {
      const template = parts(value);
      const only = template.length === 1 ? template[0] : undefined;
      if (only !== undefined && typeof only !== "string") {
        const raw = lookup(only.expression, values);
        if (raw === null || raw === undefined) continue;
        setOwn(result, key, text(raw));
        continue;
      }
      setOwn(result, key, expandString(value, values));
    } else {
      setOwn(result, key, value);
    }
  }
  return result;
}
