import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { Project, SyntaxKind, type PropertySignature, type SourceFile } from "ts-morph";
import { typeName, uniqueNames } from "../emit/literal.js";
import { isJsonObject, resolvePointer } from "./json-pointer.js";

/** A named, exported TypeScript declaration, as text. */
export interface TypeDeclaration {
  name: string;
  text: string;
}

const COMPONENT_REF = /^#\/(?:components\/schemas|definitions)\/([^/]+)$/;

function componentName(ref: string): string | undefined {
  const match = COMPONENT_REF.exec(ref);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Every component schema reachable from `roots` through `$ref`s, keyed by its `$ref`. */
function reachableComponents(document: unknown, roots: unknown[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isJsonObject(node)) {
      const ref = node["$ref"];
      if (typeof ref === "string" && componentName(ref) !== undefined && !found.has(ref)) {
        const target = resolvePointer(document, ref);
        found.set(ref, target);
        visit(target);
      }
      for (const [key, child] of Object.entries(node)) if (key !== "$ref") visit(child);
    }
  };
  roots.forEach(visit);
  return found;
}

/** A deep copy of `node` whose component `$ref`s point at the renamed schemas. */
function renameRefs(node: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((child) => renameRefs(child, names));
  if (!isJsonObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    copy[key] = key === "$ref" && typeof child === "string" && names.has(child) ? `#/components/schemas/${names.get(child)}` : renameRefs(child, names);
  }
  return copy;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(source: string, edits: Edit[]): string {
  let text = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** `components["schemas"]["X"]` → `X`: the schemas become top-level declarations, so references name them directly. */
function referenceEdits(file: SourceFile): Edit[] {
  return file
    .getDescendantsOfKind(SyntaxKind.IndexedAccessType)
    .filter((node) => /^components\s*\[\s*"schemas"\s*\]\s*\[/.test(node.getText()))
    .map((node) => ({ start: node.getStart(), end: node.getEnd(), text: JSON.parse(node.getIndexTypeNode().getText()) as string }));
}

/** `/** @description X *\/` → `/** X *\/`: the description is the doc comment's own text, which editors show first. */
function docEdits(file: SourceFile): Edit[] {
  return file.getDescendantsOfKind(SyntaxKind.JSDoc).flatMap((doc) => {
    const tags = doc.getTags();
    if (!tags.some((tag) => tag.getTagName() === "description")) return [];
    const lines = [doc.getDescription().trim()].filter((line) => line !== "");
    for (const tag of tags) {
      const comment = (tag.getCommentText() ?? "").trim();
      lines.push(tag.getTagName() === "description" ? comment : `@${tag.getTagName()}${comment === "" ? "" : ` ${comment}`}`);
    }
    const body = lines.join("\n").split("\n");
    const text = body.length === 1 ? `/** ${body[0]} */` : `/**\n${body.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */`;
    return [{ start: doc.getStart(), end: doc.getEnd(), text }];
  });
}

/** The declaration text for one schema member of openapi-typescript's `components.schemas`. */
function declarationText(member: PropertySignature, name: string): string {
  const typeNode = member.getTypeNodeOrThrow();
  const docs = member.getJsDocs().map((doc) => doc.getText()).join("\n");
  const body =
    typeNode.getKind() === SyntaxKind.TypeLiteral
      ? `export interface ${name} ${typeNode.getText()}`
      : `export type ${name} = ${typeNode.getText()};`;
  return docs === "" ? body : `${docs}\n${body}`;
}

/**
 * Turns schemas into named TypeScript declarations with openapi-typescript:
 * the given roots under the given names, plus every component schema they
 * reach, renamed to collision-free PascalCase names. Only reachable schemas are emitted.
 */
export async function schemaDeclarations(
  document: unknown,
  roots: ReadonlyMap<string, unknown>,
  reservedNames: Iterable<string> = [],
): Promise<TypeDeclaration[]> {
  const components = reachableComponents(document, [...roots.values()]);
  const refs = [...components.keys()].sort();
  const componentTypeNames = uniqueNames(
    refs.map((ref) => typeName(componentName(ref) ?? ref)),
    [...roots.keys(), ...reservedNames],
  );
  const names = new Map(refs.map((ref, index) => [ref, componentTypeNames[index]!]));
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of roots) schemas[name] = renameRefs(schema ?? {}, names);
  for (const ref of refs) schemas[names.get(ref)!] = renameRefs(components.get(ref), names);

  const version = isJsonObject(document) && typeof document["openapi"] === "string" ? document["openapi"] : "3.0.3";
  const synthetic = { openapi: version, info: { title: "records", version: "0" }, paths: {}, components: { schemas } };
  const printed = astToString(await openapiTS(synthetic as unknown as OpenAPI3, { silent: true }));
  const project = new Project({ useInMemoryFileSystem: true });
  const draft = project.createSourceFile("draft.ts", printed);
  const file = project.createSourceFile("schema.ts", applyEdits(printed, [...referenceEdits(draft), ...docEdits(draft)]));
  const schemaMembers = file
    .getInterfaceOrThrow("components")
    .getPropertyOrThrow("schemas")
    .getTypeNodeOrThrow()
    .asKindOrThrow(SyntaxKind.TypeLiteral)
    .getProperties();
  const byName = new Map(schemaMembers.map((member) => [JSON.parse(`"${member.getName().replace(/^["']|["']$/g, "")}"`) as string, member]));
  return [...roots.keys(), ...refs.map((ref) => names.get(ref)!)].map((name) => {
    const member = byName.get(name);
    if (member === undefined) throw new Error(`openapi-typescript produced no type for schema "${name}"`);
    return { name, text: declarationText(member, name) };
  });
}
