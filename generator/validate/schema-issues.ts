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
import { isSecretKey } from "./secrets.js";

/** Extra words for an unknown key, when the chosen union branch explains it (`only allowed with type "offset"`). */
type KeyHint = (key: string) => string | undefined;

type Choice = { index: number; hint?: KeyHint } | { message: string; path?: PathSegments };

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
  const what = key === "type" ? `${label} type` : label;
  const strings = allowed.filter((v): v is string => typeof v === "string");
  const suggestion = typeof value === "string" ? didYouMean(value, strings) : "";
  return `unknown ${what} ${describeValue(value)}${suggestion}; expected one of ${quotedList(allowed)}`;
}

function chooseBranch(union: SchemaNode, value: unknown, at: PathSegments): Choice {
  const branches = children(union, "anyOf").map(deref);
  const label = typeof union["title"] === "string" ? union["title"].toLowerCase() : "value";
  const kind = kindOf(value);
  let candidates = branches.map((_, index) => index).filter((index) => fits(branches[index] ?? {}, kind, value));
  if (candidates.length === 0) {
    return { message: `expected ${describeSchema(union)}, got ${describeValue(value, at[at.length - 1])}` };
  }
  const key = discriminator(branches);
  const valuesOf = (index: number) =>
    allowedValues(properties(branches[index] ?? {})[key ?? ""] as SchemaNode | undefined) ?? [];
  const objectBranches = candidates.filter((index) => branches[index]?.["type"] === "object");
  const variantNames = [...new Set(objectBranches.flatMap(valuesOf))];

  if (key !== undefined && typeof value === "string") {
    const names = candidates.map((index) => branches[index]?.["enum"]).find(Array.isArray);
    if (names !== undefined && !names.includes(value)) return { message: unknownVariant(label, key, value, names) };
  }
  if (key !== undefined && isRecord(value)) {
    if (key in value) {
      const chosen = value[key];
      candidates = objectBranches.filter((index) => valuesOf(index).includes(chosen));
      if (candidates.length === 0)
        return { path: [...at, key], message: unknownVariant(label, key, chosen, variantNames) };
    } else {
      const keys = Object.keys(value);
      const implicit = objectBranches.filter((index) => !required(branches[index] ?? {}).includes(key));
      const sharing = implicit.filter(
        (index) => keys.length === 0 || keys.some((k) => k in properties(branches[index] ?? {})),
      );
      if (sharing.length === 0) {
        const fitting = objectBranches.filter(
          (index) => keys.length > 0 && keys.every((k) => k in properties(branches[index] ?? {})),
        );
        const first = fitting.length === 1 ? valuesOf(fitting[0] ?? -1)[0] : undefined;
        const hint = first === undefined ? "" : ` (these keys fit "${key}": ${JSON.stringify(first)})`;
        return { message: `missing required key "${key}"${hint}; expected one of ${quotedList(variantNames)}` };
      }
      candidates = sharing;
    }
  }
  const hint: KeyHint | undefined =
    key === undefined
      ? undefined
      : (unknown) => {
          const owners = objectBranches.filter((index) => unknown in properties(branches[index] ?? {}));
          const names = owners.flatMap(valuesOf);
          return names.length === 0 ? undefined : `it is only allowed with ${key} ${quotedList(names)}`;
        };
  if (candidates.length === 1)
    return hint === undefined ? { index: candidates[0] ?? 0 } : { index: candidates[0] ?? 0, hint };
  // Several branches fit the value's shape: the one with the fewest problems is most likely meant.
  let best = candidates[0] ?? 0;
  let fewest = Number.POSITIVE_INFINITY;
  for (const index of candidates) {
    const validate = branchValidator(union, index);
    const count = validate(value) ? 0 : (validate.errors?.length ?? 0);
    if (count < fewest) [best, fewest] = [index, count];
  }
  return hint === undefined ? { index: best } : { index: best, hint };
}

function unknownKeyMessage(error: ErrorObject, key: string, hint: KeyHint | undefined): string {
  const allowed = Object.keys(properties(deref(error.parentSchema as SchemaNode)));
  const suggestion = didYouMean(key, allowed);
  const explanation = suggestion === "" ? hint?.(key) : undefined;
  const tail =
    suggestion !== ""
      ? suggestion
      : explanation !== undefined
        ? `; ${explanation}`
        : `; allowed keys: ${quotedList(allowed)}`;
  return `unknown key ${JSON.stringify(key)}${tail}`;
}

function valueMessage(error: ErrorObject, at: PathSegments): string {
  const node = error.parentSchema as SchemaNode;
  const key = at[at.length - 1];
  const got = `expected ${describeSchema(node)}, got ${describeValue(error.data, key)}`;
  const names = deref(node)["enum"];
  if (error.keyword !== "enum" || typeof error.data !== "string" || isSecretKey(key) || !Array.isArray(names))
    return got;
  return (
    got +
    didYouMean(
      error.data,
      names.filter((v): v is string => typeof v === "string"),
    )
  );
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
  return issuesOf(configValidator(), config, []);
}
