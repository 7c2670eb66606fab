/** Part of `npm run build`: precompiles the connector template to generator/dist/connector-template.cjs. */
import { readFileSync, writeFileSync } from "node:fs";
import { PRECOMPILED_TEMPLATE_FILE, precompiledTemplateSource, TEMPLATE_FILE } from "./connector-template.js";

writeFileSync(PRECOMPILED_TEMPLATE_FILE, precompiledTemplateSource(readFileSync(TEMPLATE_FILE, "utf8")));
