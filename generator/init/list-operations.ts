/**
 * Guess: which GET operations are lists worth a resource. An operation is a
 * list when its JSON success response is an array, or an object holding the
 * page's records (see data-selector.ts). A required query or header value the
 * spec gives no default for is asked for at run time, unless it is a search
 * term (left out: there is no one value to ask for).
 */
import type { JsonObject } from "../types/json-pointer.js";
import { isCredentialHeader } from "./credential-header.js";
import { guessDataSelector, type DataSelectorGuess } from "./data-selector.js";
import { isSearchTerm } from "./run-time-values.js";
import { getOperations, successResponse, type SpecOperation, type SpecParameter, type SuccessResponse } from "./spec.js";
import { guessTimeWindow, type TimeWindow } from "./time-window.js";

/** A list operation and what was guessed about its records. */
export interface ListOperation extends SpecOperation {
  response: SuccessResponse;
  selector: DataSelectorGuess;
  /** Required query values taken from the spec's `default` or first `enum` value. */
  requiredParams: Record<string, string | number | boolean>;
  /** Required header values taken from the spec's `default` or first `enum` value (`Accept`, an API version). */
  requiredHeaders: Record<string, string>;
  /** Required query and header values with no default: asked for at run time. */
  runTimeParams: SpecParameter[];
  /** A pair of date-time query parameters that bound the records' time, if any. */
  window: TimeWindow | undefined;
  /** The `{name}` placeholders of the path. */
  pathParams: string[];
}

/** Operations left out, with why, for the notes. */
export interface Skipped {
  path: string;
  why: string;
}

function requiredValue(schema: JsonObject): string | number | boolean | undefined {
  const value = schema["default"] ?? (Array.isArray(schema["enum"]) ? schema["enum"][0] : undefined);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

/** Finds every list operation of the spec, in document order. */
export function listOperations(document: JsonObject): { lists: ListOperation[]; skipped: Skipped[] } {
  const lists: ListOperation[] = [];
  const skipped: Skipped[] = [];
  for (const operation of getOperations(document)) {
    const response = successResponse(document, operation.operation);
    if (response === undefined) continue;
    const selector = guessDataSelector(document, operation.path, response.schema);
    if (selector === undefined || selector.itemSchema === undefined) continue;
    if (operation.operation["deprecated"] === true) {
      skipped.push({ path: operation.path, why: "deprecated" });
      continue;
    }
    const window = guessTimeWindow(document, operation.parameters, selector.itemSchema);
    const requiredParams: Record<string, string | number | boolean> = {};
    const requiredHeaders: Record<string, string> = {};
    const runTimeParams: SpecParameter[] = [];
    const searchTerms: string[] = [];
    const unsupported: string[] = [];
    for (const parameter of operation.parameters) {
      // The credential header is the auth's to send (credential-header.ts), not a value init must invent.
      if (!parameter.required || parameter.in === "path" || isCredentialHeader(parameter)) continue;
      if (parameter === window?.start || parameter === window?.end) continue;
      const value = requiredValue(parameter.schema);
      if (parameter.in === "query" && value !== undefined) requiredParams[parameter.name] = value;
      else if (parameter.in === "header" && value !== undefined) requiredHeaders[parameter.name] = String(value);
      else if (parameter.in === "query" && isSearchTerm(parameter.name)) searchTerms.push(`"${parameter.name}"`);
      else if (parameter.in === "query" || parameter.in === "header") runTimeParams.push(parameter);
      else unsupported.push(`${parameter.in} "${parameter.name}"`);
    }
    if (searchTerms.length > 0) {
      skipped.push({ path: operation.path, why: `needs the search term ${searchTerms.join(", ")}: a search, not a list to load` });
      continue;
    }
    if (unsupported.length > 0) {
      skipped.push({ path: operation.path, why: `needs ${unsupported.join(", ")}, which a config cannot send` });
      continue;
    }
    const pathParams = [...operation.path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!);
    lists.push({ ...operation, response, selector, requiredParams, requiredHeaders, runTimeParams, window, pathParams });
  }
  return { lists, skipped };
}

/** Path segments that name nothing: versions, `api`, and placeholders. */
function words(path: string): string[] {
  return path
    .split("/")
    .filter((part) => part !== "" && !part.includes("{"))
    .map((part) => part.replace(/\.[a-z]+$/i, ""))
    .filter((part) => !/^(v\d+(\.\d+)*|\d+(\.\d+)*|\d{4}-\d{2}-\d{2}|api|rest)$/i.test(part));
}

function snake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/**
 * Resource names from paths: the last meaningful segment (`/v1/customers` →
 * `customers`), or all of them where that would collide
 * (`/gifs/trending` and `/stickers/trending` → `gifs_trending`, `stickers_trending`), made unique.
 */
export function resourceNames(paths: string[]): string[] {
  const short = paths.map((path) => snake(words(path).slice(-1).join("_")) || "root");
  const counts = new Map<string, number>();
  for (const name of short) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = paths.map((path, index) => (counts.get(short[index]!)! > 1 ? snake(words(path).join("_")) || short[index]! : short[index]!));
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = /^[a-z]/.test(name) ? name : `r_${name}`;
    for (let suffix = 2; taken.has(unique); suffix++) unique = `${name}_${suffix}`;
    taken.add(unique);
    return unique;
  });
}
