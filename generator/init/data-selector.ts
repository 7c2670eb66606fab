/**
 * Guess: where the records are in a list response. A JSON array body is the
 * list itself (`$`); in an object body, the array property that a list is
 * conventionally named after, or the one named like the path's last segment.
 */
import type { JsonObject } from "../types/json-pointer.js";
import { itemsOf, objectProperties, schemaTypes } from "./spec.js";

/** dlt's own names for the records of a page (reference §5, data_selector auto-detection). */
const RECORD_KEYS = ["data", "items", "results", "entries", "records", "rows", "entities", "payload", "content", "objects", "values"];

/** Keys next to a records array that show the body is a page of a list, not one entity that happens to hold an array. */
const PAGE_HINTS = /^(total|count|next|prev|previous|page|pages|meta|links|paging|pagination|has_more|hasMore|cursor|offset|limit)([_A-Z].*)?$/;

/** A guessed data selector and the schema of one record it leads to. */
export interface DataSelectorGuess {
  selector: string;
  itemSchema: unknown;
  /** Why this array, for the notes. */
  reason: string;
}

/** A JSONPath segment: dotted when the key is a plain name, bracket-quoted otherwise. */
function segment(key: string, first: boolean): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return first ? key : `.${key}`;
  return `['${key.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
}

function toSelector(keys: string[]): string {
  return keys.map((key, index) => segment(key, index === 0)).join("");
}

interface ArrayCandidate {
  keys: string[];
  itemSchema: unknown;
  siblings: string[];
}

/** Arrays reachable through object properties, at most three levels down (as dlt looks). */
function arrays(document: JsonObject, schema: unknown, keys: string[] = []): ArrayCandidate[] {
  if (keys.length >= 3) return [];
  const properties = objectProperties(document, schema);
  const found: ArrayCandidate[] = [];
  for (const [key, child] of properties) {
    const types = schemaTypes(document, child);
    if (types.includes("array")) found.push({ keys: [...keys, key], itemSchema: itemsOf(document, child), siblings: [...properties.keys()] });
    else if (types.includes("object")) found.push(...arrays(document, child, [...keys, key]));
  }
  return found;
}

/** The path's last literal segment without an extension (`/v1/posts.json` → `posts`), lower-cased. */
function lastWord(path: string): string {
  const literal = path.split("/").filter((part) => part !== "" && !part.includes("{"));
  return (literal[literal.length - 1] ?? "").replace(/\.[a-z]+$/i, "").toLowerCase();
}

/**
 * Guesses the data selector of a list operation from its response schema, or
 * `undefined` when the response is not a list (one entity, or no schema).
 */
export function guessDataSelector(document: JsonObject, path: string, responseSchema: unknown): DataSelectorGuess | undefined {
  const types = schemaTypes(document, responseSchema);
  if (types.includes("array")) return { selector: "$", itemSchema: itemsOf(document, responseSchema), reason: "the response is a JSON array" };
  if (!types.includes("object")) return undefined;
  const word = lastWord(path);
  const candidates = arrays(document, responseSchema);
  const named = candidates.find((candidate) => RECORD_KEYS.includes(candidate.keys[candidate.keys.length - 1]!));
  if (named !== undefined) return { ...pick(named), reason: `"${named.keys.join(".")}" is a conventional name for a page's records` };
  const likePath =
    word === ""
      ? undefined
      : candidates.find((candidate) => {
          const key = candidate.keys[candidate.keys.length - 1]!.toLowerCase().replace(/[-_]/g, "");
          const plain = word.replace(/[-_]/g, "");
          return key === plain || (plain.length > 3 && key.includes(plain)) || (key.length > 3 && plain.includes(key));
        });
  if (likePath !== undefined) return { ...pick(likePath), reason: `"${likePath.keys.join(".")}" is named like the path` };
  const topLevel = candidates.filter((candidate) => candidate.keys.length === 1);
  const sole = topLevel.length === 1 ? topLevel[0] : undefined;
  if (sole !== undefined && sole.siblings.some((key) => PAGE_HINTS.test(key))) {
    return { ...pick(sole), reason: `"${sole.keys.join(".")}" is the only array, next to paging fields` };
  }
  return undefined;
}

function pick(candidate: ArrayCandidate): Omit<DataSelectorGuess, "reason"> {
  return { selector: toSelector(candidate.keys), itemSchema: candidate.itemSchema };
}
