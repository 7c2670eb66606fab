/**
 * The connector's Handlebars template, precompiled when the package is built (`npm run build`):
 * compiling it, and loading Handlebars' compiler to do so, was a large part of a run without an
 * OpenAPI document. The built code needs only Handlebars' small runtime.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { sha256 } from "../source-hash.js";

export const TEMPLATE_FILE = join(PACKAGE_ROOT, "templates", "connector", "index.ts.hbs");
/** CommonJS, like the built config validator: loaded with a plain `require`. */
export const PRECOMPILED_TEMPLATE_FILE = join(PACKAGE_ROOT, "generator", "dist", "connector-template.cjs");

/** Every value the template receives is already a safe code fragment from `literal.ts`: nothing to escape. */
const OPTIONS = { noEscape: true, strict: true } as const;

/** Renders the template with the values `emitConnector` lays out. */
export type ConnectorTemplate = (values: object) => string;

interface Precompiled {
  spec: object;
  templateSha256: string;
}

/** The precompiled template's module source for the template's text; it carries the text's hash. */
export function precompiledTemplateSource(templateText: string): string {
  // Build time only: Handlebars' compiler is not loaded when a connector is generated.
  const Handlebars = createRequire(import.meta.url)("handlebars") as typeof import("handlebars");
  const spec = Handlebars.precompile(templateText, OPTIONS) as unknown as string;
  return `module.exports = { spec: ${spec}, templateSha256: ${JSON.stringify(sha256(templateText))} };\n`;
}

let template: ConnectorTemplate | undefined;

/**
 * The template, from the build when it was compiled from the template as it is now; else compiled
 * here (running from sources before a build, or after the template was edited). Loaded once.
 */
export function connectorTemplate(): ConnectorTemplate {
  if (template !== undefined) return template;
  const require = createRequire(import.meta.url);
  const text = readFileSync(TEMPLATE_FILE, "utf8");
  const built = existsSync(PRECOMPILED_TEMPLATE_FILE) ? (require(PRECOMPILED_TEMPLATE_FILE) as Precompiled) : undefined;
  template =
    built?.templateSha256 === sha256(text)
      ? (require("handlebars/runtime") as typeof import("handlebars")).template(built.spec)
      : (require("handlebars") as typeof import("handlebars")).compile(text, OPTIONS);
  return template;
}
