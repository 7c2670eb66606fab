/**
 * Schema validation with messages a person can act on. ajv reports every branch of a failed union
 * (`anyOf`); instead the value is matched to the one branch it was meant as (by JSON type, then by
 * its `type`/`disposition` discriminator) and only that branch's problems are reported.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { describeSchema, describeValue, quotedList } from "./describe.js";
import { didYouMean } from "./did-you-mean.js";
import { pointerSegments, type FoundIssue, type PathSegments } from "./paths.js";
import { branchValidator, child, children, configValidator, deref, type SchemaNode } from "./schema-document.js";
import { quickValidator } from "./standalone-validator.js";
import { isSecretKey } from "./secrets.js";

/** Extra words for an unknown key, when the chosen union branch explains it (`only allowed with type "offset"`). */
type KeyHint = (key: string) => string | undefined;

type Choice = { index: number; hint?: KeyHint } | { message: string; path?: PathSegments };

const isString = (value: unknown): value is string => typeof value === "string";

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Whether a value of `kind` could be meant as `branch` (a wrong integer still "fits" a number branch). */
function fits(branch: SchemaNode, kind: string, value: unknown): boolean {
  const type = branch["type"];
  const matches = (t: unknown) => t === kind || ((t === "integer" || t === "number") && kind === "number");
  if (typeof type === "string") return matches(type);
  if (Array.isArray(type)) return type.some(matches);
  const values = branch["enum"];
  if (Array.isArray(values)) return values.some((v) => kindOf(v) === kind);
  if ("const" in branch) return kindOf(branch["const"]) === kind;
  return value !== undefined;
}

const properties = (branch: SchemaNode): SchemaNode => child(branch, "properties") ?? {};
const required = (branch: SchemaNode): unknown[] => (Array.isArray(branch["required"]) ? branch["required"] : []);

function allowedValues(node: SchemaNode | undefined): unknown[] | undefined {
  if (node === undefined) return undefined;
  const target = deref(node);
  if (Array.isArray(target["enum"])) return target["enum"];
  return "const" in target ? [target["const"]] : undefined;
}

/** The key whose fixed values tell object branches apart (`type` for paginators and auth). */
function discriminator(branches: readonly SchemaNode[]): string | undefined {
  const counts = new Map<string, number>();
  for (const branch of branches) {
    for (const [key, node] of Object.entries(properties(branch))) {
      if (allowedValues(node as SchemaNode) !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [key, count] of counts)
    if (count >= 2 && count > (best === undefined ? 0 : (counts.get(best) ?? 0))) best = key;
  return best;
}

function unknownVariant(label: string, key: string, value: unknown, allowed: readonly unknown[]): string {
  if (typeof value !== "string") return `expected one of ${quotedList(allowed)}, got ${describeValue(value)}`;
  const what = key === "type" ? `${label} type` : label;
  const suggestion = didYouMean(value, allowed.filter(isString));
  return `unknown ${what} ${describeValue(value)}${suggestion}; expected one of ${quotedList(allowed)}`;
}

/** A union's branches, dereferenced, with what tells them apart. */
interface Union {
  node: SchemaNode;
  branches: SchemaNode[];
  /** Lower-case title, for messages: "paginator", "auth", "write disposition". */
  label: string;
  /** The key whose value selects an object branch, if the union has one. */
  key: string | undefined;
}

function unionOf(node: SchemaNode): Union {
  const branches = children(node, "anyOf").map(deref);
  const label = typeof node["title"] === "string" ? node["title"].toLowerCase() : "value";
  return { node, branches, label, key: discriminator(branches) };
}

/** The discriminator values branch `index` accepts (`["json_link", "json_response"]`). */
function variantValues(union: Union, index: number): unknown[] {
  if (union.key === undefined) return [];
  return allowedValues(properties(union.branches[index] ?? {})[union.key] as SchemaNode | undefined) ?? [];
}

/**
 * Narrows object branches by the discriminator: its value picks the branch; without it, the
 * branches that do not require it (bearer auth, a `$secret`) and share a key with the value.
 */
function narrowObject(union: Union, key: string, value: Record<string, unknown>, objects: number[], at: PathSegments) {
  const names = [...new Set(objects.flatMap((index) => variantValues(union, index)))];
  if (key in value) {
    const chosen = value[key];
    const matching = objects.filter((index) => variantValues(union, index).includes(chosen));
    if (matching.length > 0) return matching;
    return { path: [...at, key], message: unknownVariant(union.label, key, chosen, names) };
  }
  const keys = Object.keys(value);
  const has = (index: number, k: string) => k in properties(union.branches[index] ?? {});
  const implicit = objects.filter((index) => !required(union.branches[index] ?? {}).includes(key));
  const sharing = implicit.filter((index) => keys.length === 0 || keys.some((k) => has(index, k)));
  if (sharing.length > 0) return sharing;
  const fitting = objects.filter((index) => keys.length > 0 && keys.every((k) => has(index, k)));
  const guess = fitting.length === 1 ? variantValues(union, fitting[0] ?? -1)[0] : undefined;
  const hint = guess === undefined ? "" : ` (these keys fit "${key}": ${JSON.stringify(guess)})`;
  return { message: `missing required key "${key}"${hint}; expected one of ${quotedList(names)}` };
}

/** Explains an unknown key that another branch of the union allows. */
function keyHint(union: Union, objects: number[]): KeyHint | undefined {
  const key = union.key;
  if (key === undefined) return undefined;
  return (unknown) => {
    const owners = objects.filter((index) => unknown in properties(union.branches[index] ?? {}));
    const names = owners.flatMap((index) => variantValues(union, index));
    return names.length === 0 ? undefined : `it is only allowed with ${key} ${quotedList(names)}`;
  };
}

/** The branch `value` was meant as, or why it fits none. */
function chooseBranch(node: SchemaNode, value: unknown, at: PathSegments): Choice {
  const union = unionOf(node);
  const kind = kindOf(value);
  let candidates = union.branches
    .map((_, index) => index)
    .filter((index) => fits(union.branches[index] ?? {}, kind, value));
  if (candidates.length === 0) {
    return { message: `expected ${describeSchema(node)}, got ${describeValue(value, at[at.length - 1])}` };
  }
  const objects = candidates.filter((index) => union.branches[index]?.["type"] === "object");
  if (union.key !== undefined && typeof value === "string") {
    // The string form of a discriminated union is its variant names ("offset", "bearer").
    const names = candidates.map((index) => union.branches[index]?.["enum"]).find(Array.isArray);
    if (names !== undefined && !names.includes(value))
      return { message: unknownVariant(union.label, union.key, value, names) };
  }
  if (union.key !== undefined && isRecord(value)) {
    const narrowed = narrowObject(union, union.key, value, objects, at);
    if (!Array.isArray(narrowed)) return narrowed;
    candidates = narrowed;
  }
  const hint = keyHint(union, objects);
  let best = candidates[0] ?? 0;
  if (candidates.length > 1) {
    // Several branches fit the value's shape: the one with the fewest problems is most likely meant.
    let fewest = Number.POSITIVE_INFINITY;
    for (const index of candidates) {
      const validate = branchValidator(node, index);
      const count = validate(value) ? 0 : (validate.errors?.length ?? 0);
      if (count < fewest) [best, fewest] = [index, count];
    }
  }
  return hint === undefined ? { index: best } : { index: best, hint };
}

function unknownKeyMessage(error: ErrorObject, key: string, hint: KeyHint | undefined): string {
  const allowed = Object.keys(properties(deref(error.parentSchema as SchemaNode)));
  const suggestion = didYouMean(key, allowed);
  if (suggestion !== "") return `unknown key ${JSON.stringify(key)}${suggestion}`;
  const explanation = hint?.(key) ?? `allowed keys: ${quotedList(allowed)}`;
  return `unknown key ${JSON.stringify(key)}; ${explanation}`;
}

function valueMessage(error: ErrorObject, at: PathSegments): string {
  const key = at[at.length - 1];
  const got = `expected ${describeSchema(error.parentSchema as SchemaNode)}, got ${describeValue(error.data, key)}`;
  const names = deref(error.parentSchema as SchemaNode)["enum"];
  if (error.keyword !== "enum" || !isString(error.data) || isSecretKey(key) || !Array.isArray(names)) return got;
  return got + didYouMean(error.data, names.filter(isString));
}

function issuesOf(validate: ValidateFunction, value: unknown, base: PathSegments, hint?: KeyHint): FoundIssue[] {
  if (validate(value)) return [];
  // Copied: checking a union branch below runs other validators, some of which may be this one.
  const errors = [...(validate.errors ?? [])];
  const issues: FoundIssue[] = [];
  const unionPaths: string[] = [];
  const unions = errors
    .filter((e) => e.keyword === "anyOf")
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const error of unions) {
    if (unionPaths.some((path) => within(error.instancePath, path))) continue;
    unionPaths.push(error.instancePath);
    const union = error.parentSchema as SchemaNode;
    const at = [...base, ...pointerSegments(error.instancePath, value)];
    const choice = chooseBranch(union, error.data, at);
    if ("message" in choice) issues.push({ path: choice.path ?? at, message: choice.message });
    else issues.push(...issuesOf(branchValidator(union, choice.index), error.data, at, choice.hint));
  }
  const valuePaths = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "anyOf" || unionPaths.some((path) => within(error.instancePath, path))) continue;
    const at = [...base, ...pointerSegments(error.instancePath, value)];
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
      const key = params["additionalProperty"];
      issues.push({
        path: [...at, key],
        message: unknownKeyMessage(error, key, error.instancePath === "" ? hint : undefined),
      });
    } else if (error.keyword === "required" && typeof params["missingProperty"] === "string") {
      issues.push({ path: at, message: `missing required key ${JSON.stringify(params["missingProperty"])}` });
    } else if (!valuePaths.has(error.instancePath)) {
      // One message per value, even when it breaks several rules (type and minimum, say).
      valuePaths.add(error.instancePath);
      issues.push({ path: at, message: valueMessage(error, at) });
    }
  }
  return issues;
}

/** Every way `config` breaks the config schema, one issue per problem. */
export function schemaIssues(config: unknown): FoundIssue[] {
  if (quickValidator()?.(config) === true) return [];
  return issuesOf(configValidator(), config, []);
}
