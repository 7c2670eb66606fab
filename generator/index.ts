import { dirname, join, relative, resolve, sep } from "node:path";
import type { RestApiConfig } from "./config/rest-api-config.js";
import { emitConnector, type GeneratedFile } from "./emit/emit-connector.js";
import { withTsImportExtensions } from "./emit/import-extension.js";
import { ConfigError } from "./errors.js";
import { MODULE_EXPORTS } from "./emit/module-exports.js";
import { formatFiles } from "./format/format.js";
import { loadConfigFile } from "./load/load-config.js";
import { normalize } from "./normalize/normalize.js";
import { loadOpenApi } from "./types/load-openapi.js";
import { recordTypes } from "./types/record-types.js";
import { validateConfig } from "./validate/validate-config.js";

type ConfigLocator = (path: (string | number)[]) => { line: number; column: number } | undefined;
import { defaultOutDir } from "./write/output-paths.js";
import { diffFiles, writeFiles, type FileDifference } from "./write/write-files.js";

export { ConfigError, type ConfigIssue } from "./errors.js";
export { OverwriteError, type FileDifference } from "./write/write-files.js";
export type { GeneratedFile } from "./emit/emit-connector.js";
export type { RestApiConfig } from "./config/rest-api-config.js";

export interface GenerateOptions {
  /** The config, parsed but not yet validated (a JSON or YAML file's contents). */
  config: unknown;
  /** The file the config came from: names the connector by its folder, anchors the config's relative paths, and is named in the generated header. */
  configPath?: string;
  /** An OpenAPI document to derive record types from; overrides the config's `openapi`. Relative to the working directory. */
  openapi?: string;
  /** Where the connector goes; default `generated/<name>/`. */
  outDir?: string;
  /** A resource whose record type cannot be derived is a ConfigError, not a warning (`--strict`). */
  strict?: boolean;
  /** The extension of the connector's relative imports (`--import-extension`); overrides the config's `output.import_extension`. Default `js`. */
  importExtension?: "js" | "ts";
  /** `js` writes `.js` modules with `.d.ts` files instead of TypeScript (`--emit`); overrides the config's `output.emit`. Default `ts`. */
  emit?: "ts" | "js";
  /** Maps a config path to its line and column in the file, for error messages (from `loadConfigFile`). */
  locate?: ConfigLocator;
}

export interface GenerateResult {
  /** The connector's name: the config's `name`, else its file's folder name. */
  name: string;
  outDir: string;
  /** Every file of the connector, paths relative to `outDir`, formatted. */
  files: GeneratedFile[];
  /** Things the user should know that did not stop generation (e.g. a resource without a schema). */
  warnings: string[];
}

/** A path for people to read in generated files: relative to the working directory, with `/`. */
function displayPath(path: string): string {
  return relative(process.cwd(), resolve(path)).split(sep).join("/");
}

/**
 * Generates a connector: validate → normalize → types → emit → format.
 * Writes nothing; pass the result to `writeConnector` or `checkConnector`.
 * Throws `ConfigError` listing every problem when the config cannot produce a connector.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const config: RestApiConfig = validateConfig(options.config, {
    ...(options.configPath === undefined ? {} : { file: options.configPath }),
    ...(options.locate === undefined ? {} : { locate: options.locate }),
  });
  const importExtension = options.importExtension ?? config.output?.import_extension ?? "js";
  const emit = options.emit ?? config.output?.emit ?? "ts";
  if (emit === "js" && importExtension === "ts") {
    throw ConfigError.at("output.import_extension", '"ts" does not apply to JavaScript output (emit "js"), whose imports always end in .js', options.configPath);
  }
  const model = normalize(config, options.configPath);
  const configDir = options.configPath === undefined ? process.cwd() : dirname(options.configPath);
  const openapiFile = options.openapi ?? (config.openapi === undefined ? undefined : join(configDir, config.openapi));
  const openapi = openapiFile === undefined ? undefined : await loadOpenApi(openapiFile);
  const types = await recordTypes(model, openapi, MODULE_EXPORTS, { strict: options.strict === true, baseDir: configDir });
  const sources = await emitConnector(model, types, {
    configFile: options.configPath === undefined ? "a config object" : displayPath(options.configPath),
    schemaFile: openapiFile === undefined ? undefined : displayPath(openapiFile),
  });
  // emit-javascript loads the `typescript` package's compiler (with its lib files on disk, which ts-morph's copy lacks): only for --emit js.
  const files =
    emit === "js"
      ? (await import("./emit/emit-javascript.js")).emitJavaScript(sources)
      : importExtension === "ts"
        ? withTsImportExtensions(sources)
        : sources;
  return {
    name: model.name,
    outDir: options.outDir ?? defaultOutDir(model.name),
    files: await formatFiles(files),
    warnings: [...model.warnings, ...types.warnings],
  };
}

/** Reads a config file (JSON or YAML) and generates its connector. */
export async function generateFromFile(configPath: string, options: Omit<GenerateOptions, "config" | "configPath"> = {}): Promise<GenerateResult> {
  const { config, locate } = await loadConfigFile(configPath);
  return generate({ ...options, config, configPath, locate });
}

/** Writes a generated connector to its folder; refuses to overwrite files it did not generate unless `force`. */
export function writeConnector(result: GenerateResult, options: { force?: boolean } = {}): Promise<FileDifference[]> {
  return writeFiles(result.outDir, result.files, options);
}

/** What differs between the connector on disk and `result`: empty when the committed connector is fresh. */
export function checkConnector(result: GenerateResult): Promise<FileDifference[]> {
  return diffFiles(result.outDir, result.files);
}
