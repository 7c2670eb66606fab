/**
 * Guess: which list is a child of another. `/pets/{petId}/photos` is a child of
 * the `/pets` list when a pet record has a field the placeholder names: the
 * placeholder itself (`{login}` → `login`), or `id` for `{petId}`, `{pet_id}`,
 * `{id}` and `{pet}`. Only children with one placeholder and a top-level parent
 * are linked: dlt takes every resolved value of a child from the same parent record.
 */
import type { JsonObject } from "../types/json-pointer.js";
import { objectProperties } from "./spec.js";

/** A top-level list that may be a parent. */
export interface ParentCandidate {
  name: string;
  path: string;
  itemSchema: unknown;
}

/** A child's path rewritten to take its placeholder from a parent record. */
export interface ParentLink {
  parent: string;
  field: string;
  /** The child's path with `{param}` replaced by `{resources.<parent>.<field>}`. */
  path: string;
}

function singular(word: string): string {
  return word.replace(/ies$/, "y").replace(/(s|x|ch|sh)es$/, "$1").replace(/s$/, "");
}

const normal = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The record field a placeholder names, if the parent's records have it. */
function fieldFor(param: string, parentPath: string, fields: Set<string>): string | undefined {
  if (fields.has(param)) return param;
  const segments = parentPath.split("/").filter((part) => part !== "");
  const noun = normal(singular((segments[segments.length - 1] ?? "").replace(/\.[a-z]+$/i, "")));
  const key = normal(param);
  const namesParent = key === "id" || key === `${noun}id` || key === noun;
  return namesParent && fields.has("id") ? "id" : undefined;
}

/**
 * Links a child list to the parent list whose path is the child's path up to
 * its one placeholder, when the parent's records carry the value.
 */
export function guessParent(document: JsonObject, childPath: string, pathParams: string[], parents: ParentCandidate[]): ParentLink | undefined {
  if (pathParams.length !== 1) return undefined;
  const param = pathParams[0]!;
  const prefix = childPath.slice(0, childPath.indexOf(`{${param}}`)).replace(/\/+$/, "");
  for (const parent of parents) {
    if (parent.path.replace(/\/+$/, "") !== prefix) continue;
    const field = fieldFor(param, parent.path, new Set(objectProperties(document, parent.itemSchema).keys()));
    if (field === undefined) continue;
    return { parent: parent.name, field, path: childPath.replace(`{${param}}`, `{resources.${parent.name}.${field}}`) };
  }
  return undefined;
}
