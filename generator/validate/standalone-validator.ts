/**
 * The config schema's validator as standalone code, written when the package is built
 * (`npm run build`). Compiling the schema with ajv took most of a run without an OpenAPI document;
 * loading the compiled code takes milliseconds. It only answers "valid or not": a config it rejects
 * goes through the full validator (schema-document.ts), whose errors the messages are built from.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { sha256 } from "../source-hash.js";

/** CommonJS: ajv's standalone code `require`s its runtime helpers. */
export const STANDALONE_VALIDATOR_FILE = join(PACKAGE_ROOT, "generator", "dist", "config-validator.cjs");
const SCHEMA_FILE = join(PACKAGE_ROOT, "generator", "config", "config.schema.json");

type QuickValidator = ((config: unknown) => boolean) & { schemaSha256?: string };

/** The standalone validator's source for a schema document's text; it carries the text's hash. */
export function standaloneValidatorSource(schemaText: string): string {
  // Build time only: ajv's compiler is not loaded when a config is checked.
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const standaloneCode = require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  const ajv = new Ajv2020({ validateSchema: false, code: { source: true } });
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  return `${standaloneCode.default(ajv, validate)}\nmodule.exports.schemaSha256 = ${JSON.stringify(sha256(schemaText))};\n`;
}

let quick: QuickValidator | null | undefined;

/**
 * The built validator, when there is one compiled from the config schema as it is now; else
 * `undefined` (running from sources before a build, or after `npm run schema` changed the schema).
 */
export function quickValidator(file = STANDALONE_VALIDATOR_FILE): QuickValidator | undefined {
  if (quick === undefined) {
    quick = null;
    if (existsSync(file)) {
      const loaded = createRequire(import.meta.url)(file) as QuickValidator;
      if (loaded.schemaSha256 === sha256(readFileSync(SCHEMA_FILE, "utf8"))) quick = loaded;
    }
  }
  return quick ?? undefined;
}
