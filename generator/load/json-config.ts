/**
 * A `.json` config: `JSON.parse` for the value and its syntax errors, and `jsonc-parser`'s tree for
 * where each key and item is written and for duplicate keys (which `JSON.parse` silently lets the
 * last one win). Reading JSON through the YAML parser gave the same answers, but loading that parser
 * cost a tenth of a run.
 */
import jsonc from "jsonc-parser";
import { ConfigError, type ConfigIssue } from "../errors.js";
import type { Position } from "./locate.js";

type JsonNode = jsonc.Node;

/** 1-based line and column of `offset` in `text`. */
function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf("\n"); newline !== -1 && newline < offset; newline = text.indexOf("\n", newline + 1)) {
    line++;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Only the position is taken from the engine's message, which may quote the text. */
function syntaxIssue(text: string, error: unknown): ConfigIssue {
  const message = error instanceof Error ? error.message : "";
  const reason = /^(.*?) in JSON at position \d+/.exec(message)?.[1] ?? (/^Unexpected end of JSON input/.test(message) ? "unexpected end of input" : undefined);
  const offset = /at position (\d+)/.exec(message)?.[1] ?? (reason === "unexpected end of input" ? String(text.length) : undefined);
  const issue: ConfigIssue = { path: "", message: `invalid JSON${reason === undefined ? "" : `: ${reason}`}` };
  return offset === undefined ? issue : { ...issue, ...positionAt(text, Number(offset)) };
}

/** An object's entries as `[key node, value node]`. */
function entries(node: JsonNode): [JsonNode, JsonNode][] {
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key === undefined || value === undefined ? [] : [[key, value] as [JsonNode, JsonNode]];
  });
}

/** The first key written twice in one object, anywhere in the tree (walked without recursion). */
function firstDuplicateKey(root: JsonNode): JsonNode | undefined {
  const pending = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === "object") {
      const seen = new Set<unknown>();
      for (const [key, value] of entries(node)) {
        if (seen.has(key.value)) return key;
        seen.add(key.value);
        pending.push(value);
      }
    } else if (node.type === "array") pending.push(...(node.children ?? []));
  }
  return undefined;
}

/** Finds where a path is written: an object's entry at its key, an array's item at its start; a path that leaves the document stops at the deepest value it reached. */
function locator(text: string, root: JsonNode): (path: (string | number)[]) => Position {
  return (path) => {
    let node = root;
    let offset = root.offset;
    for (const segment of path) {
      if (node.type === "object") {
        const entry = entries(node).find(([key]) => key.value === String(segment));
        if (entry === undefined) break;
        offset = entry[0].offset;
        node = entry[1];
      } else if (node.type === "array" && typeof segment === "number" && node.children?.[segment] !== undefined) {
        node = node.children[segment];
        offset = node.offset;
      } else break;
    }
    return positionAt(text, offset);
  };
}

/** Parses a `.json` config's text; throws `ConfigError` (with line and column) on a syntax error or a duplicate key. */
export function parseJsonConfig(text: string, file: string): { config: unknown; locate: (path: (string | number)[]) => Position } {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([syntaxIssue(text, error)], file);
  }
  let root: JsonNode | undefined;
  try {
    root = jsonc.parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  } catch (error) {
    // The tree is built recursively: only a file nested thousands of levels deep gets here.
    if (error instanceof RangeError) throw ConfigError.at("", "the document is nested too deeply to read", file);
    throw error;
  }
  if (root === undefined) throw ConfigError.at("", "invalid JSON: unexpected end of input", file);
  const duplicate = firstDuplicateKey(root);
  if (duplicate !== undefined) {
    throw new ConfigError([{ path: "", message: `syntax error: duplicate key ${JSON.stringify(duplicate.value)}`, ...positionAt(text, duplicate.offset) }], file);
  }
  return { config, locate: locator(text, root) };
}
