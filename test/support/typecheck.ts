import { Project, ts } from "ts-morph";

/**
 * The strictest settings a user's project may have: generated code must compile
 * under them. No Node types: a connector must not depend on them.
 */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/** Type-checks the given files (and what they import) in-process; returns the diagnostics as readable lines. */
export function typeCheck(files: string[]): string[] {
  const project = new Project({ compilerOptions: STRICT_OPTIONS, skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(files);
  project.resolveSourceFileDependencies();
  return project.getPreEmitDiagnostics().map((diagnostic) => {
    const file = diagnostic.getSourceFile()?.getFilePath() ?? "";
    const line = diagnostic.getLineNumber() ?? 0;
    const message = ts.flattenDiagnosticMessageText(diagnostic.getMessageText() as string | ts.DiagnosticMessageChain, "\n");
    return `${file}:${line}: ${message}`;
  });
}
