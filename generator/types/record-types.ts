import { commentText, typeName, uniqueNames } from "../emit/literal.js";
import type { ConnectorModel } from "../model.js";
import type { JsonObject } from "./json-pointer.js";
import { closestPaths, matchOperation } from "./match-operation.js";
import { recordSchema } from "./record-schema.js";
import { schemaDeclarations, type TypeDeclaration } from "./schema-declarations.js";

/** What the `types` stage adds to the model: one record type per resource, and the declarations behind them. */
export interface RecordTypes {
  /** Resource name → the exported type name of one record. */
  recordTypeNames: Map<string, string>;
  /** Every declaration to emit, record types first, in resource order. */
  declarations: TypeDeclaration[];
  warnings: string[];
}

const UNKNOWN_RECORD = "Record<string, unknown>";

function fallbackDeclaration(name: string, why: string): TypeDeclaration {
  return { name, text: `/** One record. Its fields are not known: ${commentText(why)}. */\nexport type ${name} = ${UNKNOWN_RECORD};` };
}

/**
 * Stage `types`: derives each resource's record type from the OpenAPI document,
 * when there is one: the operation's JSON success response, followed down the
 * `data_selector`. A resource without a schema gets `Record<string, unknown>`
 * and a warning saying why.
 */
export async function recordTypes(
  model: ConnectorModel,
  openapi: JsonObject | undefined,
  reservedNames: Iterable<string> = [],
): Promise<RecordTypes> {
  const reserved = [...reservedNames];
  const names = uniqueNames(model.resources.map((resource) => typeName(resource.name)), reserved);
  const recordTypeNames = new Map(model.resources.map((resource, index) => [resource.name, names[index]!]));
  const warnings: string[] = [];
  const roots = new Map<string, unknown>();
  const fallbacks = new Map<string, TypeDeclaration>();

  model.resources.forEach((resource, index) => {
    const name = names[index]!;
    if (openapi === undefined) {
      fallbacks.set(name, fallbackDeclaration(name, "the config names no OpenAPI document"));
      return;
    }
    const matched = matchOperation(openapi, model.baseUrl, resource.method, resource.path);
    if (matched === undefined) {
      const near = closestPaths(openapi, resource.path);
      const why = `no ${resource.method} ${resource.path} in the OpenAPI document`;
      warnings.push(`resources[${index}] (${resource.name}): ${why}${near.length ? `; closest paths: ${near.join(", ")}` : ""}`);
      fallbacks.set(name, fallbackDeclaration(name, why));
      return;
    }
    const found = recordSchema(openapi, matched.operation, resource.dataSelector);
    if ("missing" in found) {
      warnings.push(`resources[${index}] (${resource.name}): ${found.missing}; its records are typed Record<string, unknown>`);
      fallbacks.set(name, fallbackDeclaration(name, found.missing));
      return;
    }
    roots.set(name, found.schema);
  });

  const derived = roots.size === 0 ? [] : await schemaDeclarations(openapi, roots, reserved);
  const byName = new Map(derived.map((declaration) => [declaration.name, declaration]));
  const declarations = names.map((name) => byName.get(name) ?? fallbacks.get(name)!);
  declarations.push(...derived.filter((declaration) => !names.includes(declaration.name)));
  return { recordTypeNames, declarations, warnings };
}
