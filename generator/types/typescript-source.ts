/**
 * Reading TypeScript source with the compiler's own API: the `typescript` module openapi-typescript
 * loads anyway. (ts-morph wraps the same API but brings a second copy of the compiler, a second of
 * start-up.) The JSDoc text helpers read comments exactly as ts-morph did, so output is unchanged.
 */
import { createRequire } from "node:module";
import type * as TypeScript from "typescript";

/**
 * The compiler, required rather than imported: importing a CommonJS module from ESM makes Node scan
 * its source for export names first, and the compiler is 9 MB (over half a second of start-up).
 */
export const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/** Parses `text` as a TypeScript file, with parent links. */
export function parseSource(text: string): TypeScript.SourceFile {
  return ts.createSourceFile("source.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Every node under `root` (depth first, in source order) for which `test` holds. */
export function descendants<T extends TypeScript.Node>(root: TypeScript.Node, test: (node: TypeScript.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (test(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}

/** The `/** … *\/` comments attached to `node`. */
export function jsDocsOf(node: TypeScript.Node): TypeScript.JSDoc[] {
  return (node as TypeScript.Node & { jsDoc?: TypeScript.JSDoc[] }).jsDoc ?? [];
}

/** Every JSDoc comment in the file, attached to whichever node. */
export function allJsDocs(file: TypeScript.SourceFile): TypeScript.JSDoc[] {
  return descendants(file, (node): node is TypeScript.Node => jsDocsOf(node).length > 0).flatMap(jsDocsOf);
}

/** A comment's or tag's text, as the compiler reads it (links included). */
export function commentText(node: TypeScript.JSDoc | TypeScript.JSDocTag): string | undefined {
  return typeof node.comment === "string" ? node.comment : ts.getTextOfJSDocComment(node.comment);
}

const WHITESPACE = new Set([" ", "\f", "\n", "\r", "\t", "\v", "\u00A0", "\u2028", "\u2029"].map((c) => c.charCodeAt(0)));
const ASTERISK = "*".charCodeAt(0);
const NEWLINE = "\n".charCodeAt(0);
const CARRIAGE_RETURN = "\r".charCodeAt(0);
const SPACE = " ".charCodeAt(0);

/** A comment's lines without the `/**`, `*\/` and leading ` * `. */
function withoutStars(text: string): string {
  const inner = text.replace(/^\/\*\*[^\S\n]*\n?/, "").replace(/(\r?\n)?[^\S\n]*\*\/$/, "");
  return inner
    .split(/\n/)
    .map((line) => {
      let star = -1;
      for (let index = 0; index < line.length; index++) {
        const code = line.charCodeAt(index);
        if (code === ASTERISK) {
          star = index;
          break;
        }
        if (!WHITESPACE.has(code)) break;
      }
      if (star === -1) return line;
      return line.substring(line[star + 1] === " " ? star + 2 : star + 1);
    })
    .join("\n");
}

/** Moves `pos` back while the character before it does not satisfy `stop`. */
function backTo(text: string, pos: number, stop: (code: number) => boolean): number {
  while (pos > 0 && !stop(text.charCodeAt(pos - 1))) pos--;
  return pos;
}

/** The comment's text before its first tag, without stars: what editors show first. */
export function jsDocDescription(doc: TypeScript.JSDoc, file: TypeScript.SourceFile): string {
  const text = file.getFullText();
  const firstTag = doc.tags?.[0];
  const searchEnd = firstTag === undefined ? doc.getEnd() - 2 : firstTag.getStart(file);
  const afterOpener = doc.getStart(file) + 3;
  const start = text.charCodeAt(afterOpener) === SPACE ? afterOpener + 1 : afterOpener;
  const lineEnd = backTo(text, searchEnd, (code) => code === NEWLINE || (!WHITESPACE.has(code) && code !== ASTERISK));
  const end = backTo(text, lineEnd, (code) => code !== NEWLINE && code !== CARRIAGE_RETURN);
  return withoutStars(text.substring(start, Math.max(start, end)));
}
