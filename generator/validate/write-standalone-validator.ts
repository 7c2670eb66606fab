/** Part of `npm run build`: compiles the config schema's validator to generator/dist/config-validator.cjs. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { STANDALONE_VALIDATOR_FILE, standaloneValidatorSource } from "./standalone-validator.js";

writeFileSync(STANDALONE_VALIDATOR_FILE, standaloneValidatorSource(readFileSync(join(PACKAGE_ROOT, "generator", "config", "config.schema.json"), "utf8")));
