import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as TypeScript from "typescript";
import { ts } from "../types/typescript-source.js";
import type { GeneratedFile } from "./emit-connector.js";

/**
 * Where the connector is compiled, virtually: a folder inside gen-connector's own package, so that
 * the connector's one dependency (`ofetch`) resolves to the generator's copy while compiling.
 */
const VIRTUAL_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".connector-emit");

/**
 * What the JavaScript targets: ES modules in ES2022 syntax (class fields stay as written, with the
 * semantics the TypeScript sources have), the ES2020 library the runtime keeps to, and the DOM's
 * types for fetch. Comments stay, so the `.js` keeps its JSDoc and the `.d.ts` its TSDoc.
 */
const JS_OPTIONS: TypeScript.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2020.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.ES2020,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  declaration: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
  skipLibCheck: true,
  types: [],
};

/** The `//` lines a file starts with: its gen-connector header, kept on each file compiled from it. */
function header(contents: string): string {
  const match = /^(?:\/\/[^\n]*\n)+/.exec(contents);
  return match === null ? "" : match[0];
}

/**
 * `--emit js`: compiles the connector's TypeScript files with TypeScript's own emit into a `.js`
 * module and a `.d.ts` declaration file each, for plain JavaScript projects. Throws when the
 * compiler reports a problem, which would be a bug in the generator, not in the config.
 */
export function emitJavaScript(files: readonly GeneratedFile[]): GeneratedFile[] {
  const sources = new Map(files.map((file) => [join(VIRTUAL_ROOT, file.path), file]));
  const host = ts.createCompilerHost(JS_OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => sources.has(path) || fileExists(path);
  host.readFile = (path) => sources.get(path)?.contents ?? readFile(path);
  const outputs = new Map<string, string>();
  host.writeFile = (path, text) => outputs.set(path, text);

  const program = ts.createProgram([...sources.keys()], JS_OPTIONS, host);
  const result = program.emit();
  // Global diagnostics catch missing lib files, which would silently type the declarations as `any`.
  const problems = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSyntacticDiagnostics(), ...result.diagnostics];
  if (problems.length > 0) {
    throw new Error(`--emit js: TypeScript could not compile the connector:\n${ts.formatDiagnostics(problems, host)}`);
  }

  return files.flatMap((file) => {
    const base = join(VIRTUAL_ROOT, file.path).replace(/\.ts$/, "");
    const top = header(file.contents);
    return [".js", ".d.ts"].map((extension) => {
      const emitted = outputs.get(`${base}${extension}`);
      if (emitted === undefined) throw new Error(`--emit js: TypeScript wrote no ${file.path.replace(/\.ts$/, extension)}`);
      // The header goes first whether or not the compiler kept it: it is how gen-connector recognises its files.
      const body = emitted.startsWith(top) ? emitted.slice(top.length) : emitted;
      return { path: file.path.replace(/\.ts$/, extension), contents: `${top}${body}` };
    });
  });
}
