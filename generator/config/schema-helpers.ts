/**
 * Small builders shared by the config schema modules. Every key of the config carries a title and a
 * description, because the serialized schema is what editors show on hover.
 */
import { Type, type Static, type TObject, type TProperties, type TSchema, type TUnsafe } from "@sinclair/typebox";

/** The names a `$secret` or `$config` may take: they become option keys and environment variable suffixes. */
export const VALUE_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";

/** Marks a schema that the serialized document holds once under `$defs` and refers to by `$ref`. */
export const DEFINITION = Symbol.for("gen-connector.config.definition");

const definitions = new Map<string, TSchema>();

/** Names `schema` as a shared definition (`#/$defs/<name>`); the type is unchanged. */
export function definition<T extends TSchema>(name: string, schema: T): T {
  const tagged: T = { ...schema, [DEFINITION]: name };
  definitions.set(name, tagged);
  return tagged;
}

/** The schema registered under `name` by `definition`, as written there (before any `described` copy). */
export function definitionNamed(name: string): TSchema | undefined {
  return definitions.get(name);
}

/** The title and description every documented key carries. */
export interface Doc {
  title: string;
  description: string;
}

/** `schema` with its title and description replaced: one definition reused under a key-specific text. */
export function described<T extends TSchema>(schema: T, doc: Doc): T {
  // Spreading keeps TypeBox's symbol-keyed metadata, so `Static<>` still sees the original type.
  return { ...schema, title: doc.title, description: doc.description };
}

/**
 * A string restricted to `values`, serialized as `{ "type": "string", "enum": [...] }` rather than
 * TypeBox's `anyOf` of constants: shorter for editors, and one enum error instead of one per constant.
 */
export function stringEnum<const T extends readonly string[]>(values: T, doc: Doc): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...doc });
}

/** An object whose keys are free and whose values all follow `value` (headers, params). */
export function recordOf<T extends TSchema>(value: T, doc: Doc): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ type: "object", additionalProperties: value, ...doc });
}

/** A free-form JSON object (JSON bodies, token request data, column hints): any keys, any values. */
export function freeObject(doc: Doc): TUnsafe<Record<string, unknown>> {
  return Type.Unsafe<Record<string, unknown>>({ type: "object", ...doc });
}

/** A free-form JSON value (incremental bounds can be numbers, strings or dates). */
export function anyValue(doc: Doc): TUnsafe<unknown> {
  return Type.Unsafe<unknown>({ ...doc });
}

/** An object that rejects keys it does not declare, so a typo is an error rather than a silent no-op. */
export function strictObject<T extends TProperties>(properties: T, doc: Doc): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...doc });
}

/** A non-empty string. */
export function text(doc: Doc): ReturnType<typeof Type.String> {
  return Type.String({ minLength: 1, ...doc });
}

/** A JSONPath expression evaluated against a response body or a record (`data.items`, `$.next`). */
export function jsonPath(doc: Doc): ReturnType<typeof Type.String> {
  return Type.String({ minLength: 1, ...doc });
}

/** One column name or a list of them (primary and merge keys: a single or a compound key). */
export function oneOrMany(doc: Doc) {
  return Type.Union(
    [
      Type.String({ minLength: 1, title: "Column", description: "A single column name." }),
      Type.Array(Type.String({ minLength: 1, title: "Column", description: "One column of a compound key." }), {
        title: "Columns",
        description: "Several column names, forming a compound key.",
      }),
    ],
    doc,
  );
}
