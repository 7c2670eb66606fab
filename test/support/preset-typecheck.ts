import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { runCommand } from "./run-command.js";
import { tempDir } from "./temp-dir.js";

const TSC = join(import.meta.dirname, "..", "..", "node_modules", "typescript", "bin", "tsc");

/** The compiler options of a tsconfig file, its `extends` chain resolved as tsc does (from the file's folder). */
export function presetOptions(tsconfigPath: string): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  // The presets list no files: the caller names them, so "no inputs found" (18003) is expected.
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfigPath), undefined, tsconfigPath);
  const errors = parsed.errors.filter((error) => error.code !== 18003);
  if (errors.length > 0) throw new Error(errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, "\n")).join("\n"));
  return parsed.options;
}

/**
 * Runs `tsc` over `files` (and what they import) as one project that extends the tsconfig at
 * `tsconfigPath`, as a user's build would, in a child process so the test worker stays responsive.
 * Declarations are emitted (to a temporary folder) when the preset asks for them, since
 * that reports errors of its own. `overrides` are compiler options over the preset's.
 * Returns tsc's diagnostics, one per line; empty when it passes.
 */
export async function typeCheckUnder(tsconfigPath: string, files: readonly string[], overrides: Record<string, unknown> = {}): Promise<string[]> {
  const dir = await tempDir("tsc-preset");
  try {
    const emitsDeclarations = presetOptions(tsconfigPath).declaration === true;
    const project = {
      extends: resolve(tsconfigPath),
      files: files.map((file) => resolve(file)),
      compilerOptions: emitsDeclarations
        ? { noEmit: false, emitDeclarationOnly: true, outDir: join(dir.path, "out"), incremental: false, sourceMap: false, ...overrides }
        : { noEmit: true, incremental: false, ...overrides },
    };
    await writeFile(join(dir.path, "tsconfig.json"), JSON.stringify(project, null, 2));
    const result = await runCommand(process.execPath, [TSC, "-p", join(dir.path, "tsconfig.json"), "--pretty", "false"]);
    const output = `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.trim() !== "");
    return result.code === 0 && output.length === 0 ? [] : output.length > 0 ? output : [`tsc exited with ${result.code}`];
  } finally {
    await dir.cleanup();
  }
}
