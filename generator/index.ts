import { dirname, join, relative, resolve, sep } from "node:path";
import type { RestApiConfig } from "./config/rest-api-config.js";
import type { InitOptions, InitResult } from "./init/init.js";
import { emitConnector, type GeneratedFile } from "./emit/emit-connector.js";
import { MODULE_EXPORTS } from "./emit/module-exports.js";
import { formatFiles } from "./format/format.js";
import { loadConfigFile } from "./load/load-config.js";
import { normalize } from "./normalize/normalize.js";
import { recordTypes } from "./types/record-types.js";
import { validateConfig } from "./validate/validate-config.js";
import { ConfigError } from "./errors.js";

type ConfigLocator = (path: (string | number)[]) => { line: number; column: number } | undefined;
import { defaultOutDir } from "./write/output-paths.js";
import { diffFiles, writeFiles, type FileDifference } from "./write/write-files.js";

export { ConfigError, type ConfigIssue } from "./errors.js";
export { OverwriteError, type FileDifference } from "./write/write-files.js";
export type { GeneratedFile } from "./emit/emit-connector.js";
export type { RestApiConfig } from "./config/rest-api-config.js";
export type { InitOptions, InitResult } from "./init/init.js";

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
  /** Absolute paths of the files generation read: the config, OpenAPI documents, schema files (what `--watch` watches). */
  inputs: string[];
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
  const inputs = new Set(options.configPath === undefined ? [] : [resolve(options.configPath)]);
  for (const resource of model.resources) if (resource.schemaFile !== undefined) inputs.add(resolve(configDir, resource.schemaFile));
  // The OpenAPI reader (Redocly, swagger2openapi) loads only for a config that names a document.
  const openapi = openapiFile === undefined ? undefined : await (await import("./types/load-openapi.js")).loadOpenApi(openapiFile, inputs);
  const types = await recordTypes(model, openapi, MODULE_EXPORTS, { strict: options.strict === true, baseDir: configDir });
  const sources = await emitConnector(model, types, {
    configFile: options.configPath === undefined ? "a config object" : displayPath(options.configPath),
    schemaFile: openapiFile === undefined ? undefined : displayPath(openapiFile),
  });
  // Loaded only when asked for: both need the TypeScript compiler, which a default run does not load.
  const files =
    emit === "js"
      ? (await import("./emit/emit-javascript.js")).emitJavaScript(sources)
      : importExtension === "ts"
        ? (await import("./emit/import-extension.js")).withTsImportExtensions(sources)
        : sources;
  return {
    name: model.name,
    outDir: options.outDir ?? defaultOutDir(model.name),
    files: await formatFiles(files),
    warnings: [...model.warnings, ...types.warnings],
    inputs: [...inputs],
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

/**
 * Writes a starting config from an OpenAPI document alone (what `gen-connector init` does, without
 * writing a file): `config` validates and generates as it is; `notes` list every guess to review.
 */
export async function initConfig(openapiFile: string, options: InitOptions = {}): Promise<InitResult> {
  // Loaded on first use: init reads OpenAPI documents, which generating from a config may not need.
  const init = await import("./init/init.js");
  return init.initConfig(openapiFile, options);
}
