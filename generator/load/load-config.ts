/**
 * Stage `load`: reads a `.json`, `.yaml` or `.yml` config into a plain value, keeping where each of
 * its paths is written so later issues can point at a line and column.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ConfigError } from "../errors.js";
import { parseJsonConfig } from "./json-config.js";
import type { Position } from "./locate.js";

/** A parsed config, not yet validated, and where each of its paths is written. */
export interface LoadedConfig {
  config: unknown;
  locate: (path: (string | number)[]) => Position | undefined;
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

/** Reads and parses a config file; throws `ConfigError` (with line and column) on a syntax error. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const extension = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(extension)) {
    throw ConfigError.at("", `unsupported config file type "${extension}"; use .json, .yaml or .yml`, file);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw ConfigError.at("", `cannot read the config file (${code})`, file);
  }
  // The YAML parser loads only for YAML: JSON configs, the common case, do without it.
  return extension === ".json" ? parseJsonConfig(text, file) : (await import("./yaml-config.js")).parseYamlConfig(text, file);
}
