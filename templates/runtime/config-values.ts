import { ConnectorConfigError } from "./errors.js";
import { environmentVariableFor, processEnvironment, type Environment } from "./secrets.js";

/** How one run-time value is read: its type (environment variables are text) and its default. */
export interface ConfigValueSpec {
  kind: "string" | "number" | "boolean";
  enum?: readonly (string | number)[];
  default?: string | number | boolean;
}

/** Run-time values the connector needs were given neither in options nor in the environment, and have no default. */
export class MissingConfigValueError extends ConnectorConfigError {
  override name = "MissingConfigValueError";
  /** Every missing value's name. */
  readonly names: readonly string[];
  /** The environment variable each missing value may come from, in the same order. */
  readonly environmentVariables: readonly string[];

  constructor(names: readonly string[]) {
    const variables = names.map(environmentVariableFor);
    const quoted = names.map((name) => JSON.stringify(name));
    super(
      `config.${names[0] ?? ""}`,
      `Missing run-time value${names.length === 1 ? "" : "s"} ${quoted.join(", ")}: pass ${names.length === 1 ? "it" : "them"} as ` +
        `createSource({ config: { ${quoted.map((name) => `${name}: "..."`).join(", ")} } }) ` +
        `or set the environment variable${names.length === 1 ? "" : "s"} ${variables.join(", ")}.`,
    );
    this.names = names;
    this.environmentVariables = variables;
  }
}

/** A run-time value that cannot be what the connector needs (text for a number, a value outside the spec's list). */
export class InvalidConfigValueError extends ConnectorConfigError {
  override name = "InvalidConfigValueError";
}

/** Half of a UTF-16 pair without its other half: such text cannot be put in a URL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text from the environment (or an untyped caller) as the value's type; `undefined` when it cannot be one. */
function coerce(value: unknown, spec: ConfigValueSpec): string | number | boolean | undefined {
  if (spec.kind === "number") {
    const number =
      typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== ""
          ? Number(value)
          : Number.NaN;
    return Number.isFinite(number) ? number : undefined;
  }
  if (spec.kind === "boolean") {
    if (typeof value === "boolean") return value;
    return value === "true" ? true : value === "false" ? false : undefined;
  }
  if (typeof value === "string" && LONE_SURROGATE.test(value)) return undefined;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

/**
 * A run-time value as text in a param, header or JSON body, where the runtime fills
 * `{…}` placeholders: its braces are doubled, so they are sent as they are.
 */
export function literalText(value: string): string {
  // A value that was not given is undefined here; its resources refuse to run (missingConfigValues).
  return typeof value === "string" ? value.replace(/[{}]/g, (brace) => brace + brace) : value;
}

const own = (object: object | undefined, name: string): unknown =>
  object !== undefined && Object.prototype.hasOwnProperty.call(object, name)
    ? (object as Record<string, unknown>)[name]
    : undefined;

/**
 * Resolves the connector's run-time values: from `given` first, else from the
 * environment variable of each upper-case name, else the config's default. A value
 * with none of the three is left out: `missingConfigValues` tells each resource
 * that needs it, so a source can read the resources whose values were given.
 * Throws `InvalidConfigValueError` for a value that cannot have the type it needs.
 */
export function resolveConfigValues<Values extends object>(
  specs: Record<keyof Values & string, ConfigValueSpec>,
  given: Partial<Values> | undefined,
  environment: Environment = processEnvironment(),
): Required<Values> {
  const resolved: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(specs) as [string, ConfigValueSpec][]) {
    const variable = environmentVariableFor(name);
    // Own properties only: a value named `__proto__` or `constructor` is never read from a prototype.
    const passed = own(given, name);
    const fromEnvironment = own(environment, variable) as string | undefined;
    const raw =
      passed ??
      (fromEnvironment === undefined || fromEnvironment === "" ? undefined : fromEnvironment) ??
      spec.default;
    if (raw === undefined) continue;
    const source =
      passed !== undefined
        ? `config.${name}`
        : raw === spec.default
          ? `the default of ${name}`
          : `the environment variable ${variable}`;
    const value = coerce(raw, spec);
    if (value === undefined) {
      const expected = spec.kind === "string" ? "well-formed text" : `a ${spec.kind}`;
      throw new InvalidConfigValueError(
        `config.${name}`,
        `${source}: expected ${expected}, got ${JSON.stringify(raw)}`,
      );
    }
    if (spec.enum !== undefined && !spec.enum.includes(value as string | number)) {
      throw new InvalidConfigValueError(
        `config.${name}`,
        `${source}: expected one of ${spec.enum.map((entry) => JSON.stringify(entry)).join(", ")}, got ${JSON.stringify(raw)}`,
      );
    }
    Object.defineProperty(resolved, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return resolved as Required<Values>;
}

/** The error a resource that needs `names` throws when read, naming every one of them that was not given; `undefined` when all were. */
export function missingConfigValues(
  resolved: object,
  names: readonly string[],
): MissingConfigValueError | undefined {
  const missing = names.filter((name) => !Object.prototype.hasOwnProperty.call(resolved, name));
  return missing.length === 0 ? undefined : new MissingConfigValueError(missing);
}
