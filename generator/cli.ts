import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "./errors.js";
import { PACKAGE_ROOT } from "./package-root.js";

/** Exit codes: what a script calling the CLI can rely on. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internalError: 3 } as const;

const HELP = `Usage: gen-connector <config.json|config.yaml>... [options]
       gen-connector init <openapi.json|openapi.yaml> [--out config.json] [--force]
       gen-connector sync <config.json|config.yaml> [--to duckdb:<file>|postgresql://...] [options]
       gen-connector schema <config.json|config.yaml> [--dialect duckdb|postgres]

Generates a typed TypeScript connector from each dlt rest_api config.

Options:
  --out DIR        output folder (default: generated/<name>/; only with one config)
  --openapi FILE   OpenAPI document for the record types (overrides the config's "openapi")
  --check          write nothing; exit 1 listing the files that differ from what would be generated
  --strict         exit 2 instead of warning when a resource's record type cannot be derived
  --force          overwrite files in the output folder that gen-connector did not generate
  --import-extension js|ts
                   extension of the connector's relative imports (default js; the config's output.import_extension)
  --emit ts|js     ts: TypeScript sources (default); js: .js modules with .d.ts files (the config's output.emit)
  -w, --watch      regenerate whenever a config, its OpenAPI document(s) or schema files change
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 ok, 1 --check found differences, 2 bad input, 3 internal error.`;

function version(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** Why an option's value is not one of `choices`, or undefined when it is (or is absent). */
function badChoice(option: string, value: string | undefined, choices: readonly string[]): string | undefined {
  if (value === undefined || choices.includes(value)) return undefined;
  return `${option} must be ${choices.join(" or ")}, not ${JSON.stringify(value)}`;
}

/** Where the CLI prints: stdout and stderr, or a test's capture. */
export interface CliIo {
  out: (...parts: unknown[]) => void;
  err: (...parts: unknown[]) => void;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. With `--watch` it
 * returns only when `signal` aborts (the executable runs until it is interrupted).
 */
export async function main(argv: string[], io: CliIo = { out: console.log, err: console.error }, signal?: AbortSignal): Promise<number> {
  if (argv[0] === "sync") {
    // Loaded only for sync: it has its own options, and loads databases' drivers.
    const { runSync } = await import("./sync/sync-command.js");
    return runSync(argv.slice(1), io);
  }
  if (argv[0] === "schema") {
    const { runSchema } = await import("./tables/schema-command.js");
    return runSchema(argv.slice(1), io);
  }
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        openapi: { type: "string" },
        check: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        "import-extension": { type: "string" },
        emit: { type: "string" },
        watch: { type: "boolean", short: "w", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    io.err(`gen-connector: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.badInput;
  }
  const { values, positionals } = args;
  if (positionals[0] === "init") {
    // Loaded only for init: it reads OpenAPI documents, which generating from a config may not need.
    const { INIT_HELP, runInit } = await import("./init/init-command.js");
    if (values.help) {
      io.out(INIT_HELP);
      return EXIT.ok;
    }
    return runInit(positionals.slice(1), values, io);
  }
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.out(version());
    return EXIT.ok;
  }
  const choiceError = badChoice("--import-extension", values["import-extension"], ["js", "ts"]) ?? badChoice("--emit", values.emit, ["ts", "js"]);
  if (choiceError !== undefined) {
    io.err(`gen-connector: ${choiceError}\n\n${HELP}`);
    return EXIT.badInput;
  }
  if (positionals.length === 0 || (values.out !== undefined && positionals.length > 1)) {
    io.err(`gen-connector: ${positionals.length === 0 ? "no config given" : "--out takes one config only"}\n\n${HELP}`);
    return EXIT.badInput;
  }

  if (values.watch && values.check) {
    io.err(`gen-connector: --watch writes; it does not go with --check\n\n${HELP}`);
    return EXIT.badInput;
  }
  if (values.watch) {
    // Every subcommand and mode loads what it needs on first use, so `--help` and `--version` stay instant.
    const { watchConfigs } = await import("./watch/watch.js");
    await watchConfigs(positionals, (configPath) => generateOne(configPath, values, io), io, signal);
    return EXIT.ok;
  }
  let exitCode: number = EXIT.ok;
  for (const configPath of positionals) {
    const outcome = await generateOne(configPath, values, io);
    if (outcome.exitCode === EXIT.internalError) return outcome.exitCode;
    exitCode = Math.max(exitCode, outcome.exitCode);
  }
  return exitCode;
}

interface GenerateFlags {
  out?: string | undefined;
  openapi?: string | undefined;
  check: boolean;
  strict: boolean;
  force: boolean;
  "import-extension"?: string | undefined;
  emit?: string | undefined;
}

/** Generates (or, with `--check`, compares) one config's connector, reporting on `io`; its exit code and the files it read. */
async function generateOne(configPath: string, values: GenerateFlags, io: CliIo): Promise<{ exitCode: number; inputs: string[] }> {
  // Loaded only now: the generator pulls in its stages, which `--help` does not need.
  const { checkConnector, generateFromFile, OverwriteError, writeConnector } = await import("./index.js");
  let exitCode: number = EXIT.ok;
  try {
    const result = await generateFromFile(configPath, {
      ...(values.out === undefined ? {} : { outDir: values.out }),
      ...(values.openapi === undefined ? {} : { openapi: values.openapi }),
      ...(values.strict ? { strict: true } : {}),
      ...(values["import-extension"] === undefined ? {} : { importExtension: values["import-extension"] as "js" | "ts" }),
      ...(values.emit === undefined ? {} : { emit: values.emit as "ts" | "js" }),
    });
    for (const warning of result.warnings) io.err(`warning: ${configPath}: ${warning}`);
    if (values.check) {
      const differences = await checkConnector(result);
      if (differences.length > 0) {
        io.err(`${result.outDir} is stale; run \`npx gen-connector ${configPath}\`:`);
        for (const { path, change } of differences) io.err(`  ${change}: ${join(result.outDir, path)}`);
        exitCode = EXIT.checkFailed;
      } else {
        io.out(`${result.outDir} is up to date`);
      }
    } else {
      const differences = await writeConnector(result, { force: values.force });
      io.out(`${result.outDir}: ${result.files.length} files, ${differences.length} changed`);
    }
    return { exitCode, inputs: result.inputs };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof OverwriteError) {
      // A ConfigError that knows its file already says where; others get the config's path.
      const where = error instanceof ConfigError && error.file !== undefined ? "" : `${configPath}: `;
      io.err(`gen-connector: ${where}${error.message}`);
      return { exitCode: EXIT.badInput, inputs: [] };
    }
    io.err(`gen-connector: internal error while generating ${configPath}:`, error);
    return { exitCode: EXIT.internalError, inputs: [] };
  }
}
