import { dereference, isJsonObject, type JsonObject } from "./json-pointer.js";
import { objectProperties } from "./schema-shape.js";

/** dlt `columns` hints of one resource: `{ column: { data_type, nullable } }`. */
export type ColumnHints = Record<string, { data_type?: string; nullable?: boolean }>;

/** dlt data types → the JSON schema of their values as the API sends them (dates as ISO strings, binary as base64 text). */
const DLT_TYPES: Readonly<Record<string, JsonObject>> = {
  text: { type: "string" },
  bigint: { type: "integer" },
  double: { type: "number" },
  decimal: { type: "number" },
  wei: { type: "number" },
  bool: { type: "boolean" },
  timestamp: { type: "string", format: "date-time" },
  date: { type: "string", format: "date" },
  time: { type: "string", format: "time" },
  json: {},
  complex: {},
  binary: { type: "string" },
};

/** The `required` names of an object schema, through `$ref`s and `allOf` branches. */
export function requiredProperties(document: unknown, schema: unknown, seen: Set<unknown> = new Set()): Set<string> {
  const node = dereference(document, schema);
  const required = new Set<string>();
  if (!isJsonObject(node) || seen.has(node)) return required;
  seen.add(node);
  if (Array.isArray(node["required"])) for (const name of node["required"]) if (typeof name === "string") required.add(name);
  if (Array.isArray(node["allOf"])) for (const branch of node["allOf"]) for (const name of requiredProperties(document, branch, seen)) required.add(name);
  return required;
}

function isNullType(schema: unknown): boolean {
  return isJsonObject(schema) && (schema["type"] === "null" || (Array.isArray(schema["enum"]) && schema["enum"].length === 1 && schema["enum"][0] === null));
}

/** `schema` without null in any dialect: 3.0 `nullable`, 2.0 `x-nullable`, 3.1 `type: [..., "null"]`, a null branch of a union, a null enum value. */
function nonNullable(document: unknown, schema: unknown): unknown {
  const node = dereference(document, schema);
  if (!isJsonObject(node)) return schema;
  const { nullable: _nullable, "x-nullable": _xNullable, ...copy } = node;
  if (Array.isArray(copy["type"])) {
    const types = copy["type"].filter((type) => type !== "null");
    copy["type"] = types.length === 1 ? types[0] : types;
  }
  if (Array.isArray(copy["enum"])) copy["enum"] = copy["enum"].filter((value) => value !== null);
  for (const key of ["oneOf", "anyOf"]) {
    const branches = copy[key];
    if (Array.isArray(branches)) {
      const kept = branches.filter((branch) => !isNullType(dereference(document, branch)));
      if (kept.length === 1 && Object.keys(copy).length === 1) return nonNullable(document, kept[0]);
      copy[key] = kept.map((branch) => nonNullable(document, branch));
    }
  }
  const changed = JSON.stringify(copy) !== JSON.stringify(node);
  // A reference to a schema that never holds null stays a reference, keeping its name.
  return changed || schema === node ? copy : schema;
}

/** What one hint makes of a field's schema, or a problem with the hint. */
function hintedField(document: unknown, field: unknown, hint: ColumnHints[string]): { schema: unknown } | { problem: string } {
  let schema: unknown = field ?? {};
  if (hint.data_type !== undefined) {
    const mapped = DLT_TYPES[hint.data_type];
    if (mapped === undefined) return { problem: `unknown data_type "${hint.data_type}" (known: ${Object.keys(DLT_TYPES).join(", ")})` };
    const original = dereference(document, field);
    const description = isJsonObject(original) ? original["description"] : undefined;
    schema = description === undefined ? { ...mapped } : { ...mapped, description };
  }
  if (hint.nullable === true) schema = isJsonObject(schema) && Object.keys(schema).length > 0 ? { ...schema, nullable: true } : schema;
  if (hint.nullable === false) schema = nonNullable(document, schema);
  return { schema };
}

/**
 * Refines a record schema with dlt `columns` hints, as dlt's hints override
 * what it infers: `data_type` replaces a field's type, `nullable: true` adds
 * `null`, `nullable: false` removes it and makes the field required (a NOT NULL
 * column always has a value). Columns the schema lacks are added, optional
 * unless `nullable: false`. The result is a flat object schema: the record's
 * fields with `allOf` merged, so each hinted field is stated once.
 * Without a schema (`undefined`), the hinted fields are all that is known, and any other field is allowed.
 */
export function applyColumnHints(
  document: unknown,
  schema: unknown,
  columns: ColumnHints,
): { schema: JsonObject; problems: { column: string; message: string }[] } {
  const base = schema === undefined ? undefined : objectProperties(document, schema);
  const node = dereference(document, schema);
  const properties: Record<string, unknown> = Object.fromEntries(base ?? []);
  const required = schema === undefined ? new Set<string>() : requiredProperties(document, schema);
  const problems: { column: string; message: string }[] = [];
  for (const [column, hint] of Object.entries(columns)) {
    const field = hintedField(document, properties[column], hint);
    if ("problem" in field) problems.push({ column, message: field.problem });
    else properties[column] = field.schema;
    if (hint.nullable === false) required.add(column);
  }
  const refined: JsonObject = { type: "object", properties };
  if (isJsonObject(node) && typeof node["description"] === "string") refined["description"] = node["description"];
  if (isJsonObject(node) && node["deprecated"] === true) refined["deprecated"] = true;
  if (required.size > 0) refined["required"] = [...required];
  const additional = isJsonObject(node) ? node["additionalProperties"] : undefined;
  if (base === undefined) refined["additionalProperties"] = true;
  else if (additional !== undefined) refined["additionalProperties"] = additional;
  return { schema: refined, problems };
}
