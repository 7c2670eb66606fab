/** A config file, read and validated: what most callers want. */
import type { RestApiConfig } from "../config/rest-api-config.js";
import { validateConfig } from "../validate/validate-config.js";
import { loadConfigFile } from "./load-config.js";

/** Reads `file` (.json, .yaml or .yml) and validates it; throws one `ConfigError` with located issues. */
export async function readConfig(file: string): Promise<RestApiConfig> {
  const { config, locate } = await loadConfigFile(file);
  return validateConfig(config, { file, locate });
}
