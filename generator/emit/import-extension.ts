import { ts } from "ts-morph";
import type { GeneratedFile } from "./emit-connector.js";

/** Every relative module specifier in `source` that ends in `.js`: imports, re-exports, `import()` and `import("…")` types. */
function relativeJsSpecifiers(source: ts.SourceFile): ts.StringLiteral[] {
  const found: ts.StringLiteral[] = [];
  const consider = (node: ts.Node | undefined) => {
    if (node !== undefined && ts.isStringLiteral(node) && node.text.startsWith(".") && node.text.endsWith(".js")) found.push(node);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) consider(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) consider(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) consider(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The connector's files with their relative imports ending in `.ts` instead of `.js`
 * (`--import-extension ts`), so runtimes that load TypeScript as written (Deno without
 * `--sloppy-imports`, Node's type stripping) find the files. Only module specifiers change.
 */
export function withTsImportExtensions(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.map((file) => {
    if (!file.path.endsWith(".ts")) return file;
    const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    let contents = file.contents;
    // From the end, so the positions of the specifiers not yet replaced stay valid.
    for (const literal of relativeJsSpecifiers(source).reverse()) {
      const start = literal.getStart(source);
      const quote = contents[start];
      contents = `${contents.slice(0, start)}${quote}${literal.text.replace(/\.js$/, ".ts")}${quote}${contents.slice(literal.end)}`;
    }
    return { ...file, contents };
  });
}
