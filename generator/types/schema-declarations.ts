import { createRequire } from "node:module";
import type { OpenAPI3 } from "openapi-typescript";
import type * as TypeScript from "typescript";
import { isJsonObject } from "./json-pointer.js";
import { redoclyConfig } from "./load-openapi.js";
import { prepareSchema } from "./prepare-schema.js";
import { typeName } from "../emit/literal.js";
import { reachableRefs, refName, refTypeNames, renameRefs } from "./schema-refs.js";
import { HELPER_NAMES, type TypeDeclaration } from "./type-declaration.js";
import { allJsDocs, commentText, descendants, jsDocDescription, jsDocsOf, parseSource, ts } from "./typescript-source.js";


// openapi-typescript's CommonJS build, required: its ES module imports the TypeScript compiler,
// which Node would first scan for export names (over half a second; see typescript-source.ts).
const { default: openapiTS, astToString } = createRequire(import.meta.url)("openapi-typescript") as typeof import("openapi-typescript");

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits in one pass: linear in the text, which runs to megabytes for large descriptions. */
function applyEdits(source: string, edits: Edit[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(source.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(source.slice(at));
  return pieces.join("");
}

/** `components["schemas"]["X"]` → `X`: the schemas become top-level declarations, so references name them directly. */
function referenceEdits(file: TypeScript.SourceFile): Edit[] {
  return descendants(file, ts.isIndexedAccessTypeNode)
    .filter((node) => /^components\s*\[\s*"schemas"\s*\]\s*\[/.test(node.getText(file)))
    .map((node) => ({ start: node.getStart(file), end: node.getEnd(), text: JSON.parse(node.indexType.getText(file)) as string }));
}

/** Tags the doc rewrite handles: `@description` becomes the text, the others say nothing the type does not. */
const REWRITTEN_TAGS = new Set(["description", "enum", "constant"]);

/**
 * `/** @description X *\/` → `/** X *\/`: the description is the doc comment's
 * own text, which editors show first; it goes before every tag, or TSDoc would
 * read it as the text of the tag before it (`@deprecated X`). `@enum {string}`
 * and `@constant` are dropped: the literal type already says it, and TSDoc has no such tags.
 */
function docEdits(file: TypeScript.SourceFile): Edit[] {
  const text = file.getFullText();
  return allJsDocs(file).flatMap((doc) => {
    const tags = doc.tags ?? [];
    const tagName = (tag: TypeScript.JSDocTag) => tag.tagName.text;
    if (!tags.some((tag) => REWRITTEN_TAGS.has(tagName(tag)))) return [];
    const tagText = (tag: TypeScript.JSDocTag) => (commentText(tag) ?? "").trim();
    const lines = [jsDocDescription(doc, file).trim(), ...tags.filter((tag) => tagName(tag) === "description").map(tagText)].filter((line) => line !== "");
    for (const tag of tags) {
      const name = tagName(tag);
      if (!REWRITTEN_TAGS.has(name)) lines.push(`@${name}${tagText(tag) === "" ? "" : ` ${tagText(tag)}`}`);
    }
    const body = lines.join("\n").split("\n");
    const replacement =
      body.length === 0 || (body.length === 1 && body[0] === "")
        ? ""
        : body.length === 1
          ? `/** ${body[0]} */`
          : `/**\n${body.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */`;
    // A comment with nothing left goes with the rest of its line, leaving no blank line behind.
    const rest = /[ \t]*\r?\n[ \t]*/y;
    rest.lastIndex = doc.getEnd();
    const end = replacement === "" ? doc.getEnd() + (rest.exec(text)?.[0].length ?? 0) : doc.getEnd();
    return [{ start: doc.getStart(file), end, text: replacement }];
  });
}

/** The declaration text for one schema member of openapi-typescript's `components.schemas`. */
function declarationText(member: TypeScript.PropertySignature, name: string, file: TypeScript.SourceFile): string {
  const typeNode = member.type;
  if (typeNode === undefined) throw new Error(`openapi-typescript printed schema "${name}" without a type`);
  const docs = jsDocsOf(member).map((doc) => doc.getText(file)).join("\n");
  const body = ts.isTypeLiteralNode(typeNode)
    ? `export interface ${name} ${typeNode.getText(file)}`
    : `export type ${name} = ${typeNode.getText(file)};`;
  return docs === "" ? body : `${docs}\n${body}`;
}

/** The helper type aliases openapi-typescript printed at top level, exported so that declaration emit can name them. */
function helperDeclarations(file: TypeScript.SourceFile): TypeDeclaration[] {
  return file.statements
    .filter(ts.isTypeAliasDeclaration)
    .filter((alias) => HELPER_NAMES.includes(alias.name.text))
    .map((alias) => ({ name: alias.name.text, text: `export ${alias.getText(file).replace(/^export\s+/, "")}` }));
}

/** The members of openapi-typescript's `interface components { schemas: { … } }`, one per schema. */
function componentSchemas(file: TypeScript.SourceFile): TypeScript.PropertySignature[] {
  const components = file.statements.find((statement): statement is TypeScript.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === "components");
  const schemas = components?.members.find((member): member is TypeScript.PropertySignature => ts.isPropertySignature(member) && member.name.getText(file) === "schemas");
  if (schemas?.type === undefined || !ts.isTypeLiteralNode(schemas.type)) throw new Error("openapi-typescript printed no components.schemas");
  return schemas.type.members.filter(ts.isPropertySignature);
}

/**
 * Turns schemas into named TypeScript declarations with openapi-typescript:
 * the given roots under the given names, plus every schema they reach through
 * `$ref`s, renamed to collision-free PascalCase names. Only reachable schemas
 * are emitted. `document` is what the roots' local `$ref`s point into.
 */
export async function schemaDeclarations(
  document: unknown,
  roots: ReadonlyMap<string, unknown>,
  reservedNames: Iterable<string> = [],
): Promise<TypeDeclaration[]> {
  const targets = reachableRefs(document, [...roots.values()]);
  // A resource whose records are exactly a schema of the same name (`status` → `Status`) gets that
  // schema under its name, rather than an alias to a renamed `Status2`.
  const sameNamed = new Map<string, string>();
  for (const [name, schema] of roots) {
    const ref = isJsonObject(schema) && Object.keys(schema).length === 1 ? schema["$ref"] : undefined;
    if (typeof ref === "string" && targets.has(ref) && typeName(refName(ref)) === name && ![...sameNamed.keys()].includes(ref)) {
      sameNamed.set(ref, name);
    }
  }
  const names = new Map([
    ...sameNamed,
    ...refTypeNames(
      [...targets.keys()].filter((ref) => !sameNamed.has(ref)),
      [...roots.keys(), ...reservedNames, ...HELPER_NAMES],
    ),
  ]);
  const aliasFree = new Set(sameNamed.values());
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of roots) if (!aliasFree.has(name)) schemas[name] = prepareSchema(renameRefs(schema ?? {}, names));
  for (const [ref, name] of names) schemas[name] = prepareSchema(renameRefs(targets.get(ref), names));

  // 3.1 reads both dialects: openapi-typescript honours `nullable` in any version, and JSON Schema files need 3.1.
  const version = isJsonObject(document) && typeof document["openapi"] === "string" && document["openapi"].startsWith("3.0") ? "3.0.3" : "3.1.0";
  const synthetic = { openapi: version, info: { title: "records", version: "0" }, paths: {}, components: { schemas } };
  const printed = astToString(await openapiTS(synthetic as unknown as OpenAPI3, { silent: true, redocly: await redoclyConfig() }));
  const draft = parseSource(printed);
  const file = parseSource(applyEdits(printed, [...referenceEdits(draft), ...docEdits(draft)]));
  const schemaMembers = componentSchemas(file);
  const byName = new Map(schemaMembers.map((member) => [JSON.parse(`"${member.name.getText(file).replace(/^["']|["']$/g, "")}"`) as string, member]));
  const declarations = [...new Set([...roots.keys(), ...names.values()])].map((name) => {
    const member = byName.get(name);
    if (member === undefined) throw new Error(`openapi-typescript produced no type for schema "${name}"`);
    return { name, text: declarationText(member, name, file) };
  });
  return [...declarations, ...helperDeclarations(file)];
}
