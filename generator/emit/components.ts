import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import type { ComponentModel } from "../model.js";
import { identifier, valueExpression } from "./literal.js";
import { RUNTIME_DIR } from "./runtime-files.js";

/** A runtime factory call for a paginator or auth, and the runtime file that exports it. */
export interface ComponentCall {
  file: string;
  factory: string;
  expression: string;
}

/**
 * Maps a dlt `type` to its runtime module by name alone: paginator `page_number`
 * is `paginators/page-number.ts` exporting `pageNumberPaginator(options)`, auth
 * `api_key` is `auth/api-key.ts` exporting `apiKeyAuth(options)`. A new type is a
 * new runtime file; nothing here changes.
 */
export function componentCall(kind: "paginator" | "auth", component: ComponentModel, where: string): ComponentCall {
  const folder = kind === "paginator" ? "paginators" : "auth";
  const file = `${folder}/${component.type.replace(/_/g, "-")}.ts`;
  if (!/^[a-z][a-z0-9_]*$/.test(component.type) || !existsSync(join(RUNTIME_DIR, file))) {
    throw ConfigError.at(where, `${kind} type "${component.type}" is not supported`);
  }
  const factory = identifier(`${component.type}_${kind === "paginator" ? "paginator" : "auth"}`);
  const hasOptions = Object.keys(component.options).length > 0;
  return { file, factory, expression: `${factory}(${hasOptions ? valueExpression(component.options) : ""})` };
}
