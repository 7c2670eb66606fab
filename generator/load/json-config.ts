/**
 * A `.json` config: `JSON.parse`, plus one pass over the text that finds where each key and item is
 * written and refuses duplicate keys (which `JSON.parse` silently lets the last one win). Reading
 * JSON through the YAML parser gave the same answers but loading that parser cost a tenth of a run.
 */
import { ConfigError, type ConfigIssue } from "../errors.js";
import type { Position } from "./locate.js";

/** Where a value starts, and for an object or array where each of its entries is written. */
interface Located {
  start: number;
  /** An object's keys: the offset of the key itself, and its value. */
  keys?: Map<string, { at: number; value: Located }>;
  items?: Located[];
}

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

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/**
 * Where everything in `text` (already accepted by `JSON.parse`) is written, and the first duplicate
 * key. Iterative, so a deeply nested file cannot overflow the stack.
 */
function scan(text: string): { root: Located; duplicate: { key: string; at: number } | undefined } {
  let index = 0;
  let duplicate: { key: string; at: number } | undefined;
  const skipWhitespace = () => {
    while (WHITESPACE.has(text[index]!)) index++;
  };
  const readString = (): string => {
    const start = index++;
    while (text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  /** Reads the value at `index`; returns it with containers still open (their entries follow). */
  const readValue = (): Located => {
    skipWhitespace();
    const located: Located = { start: index };
    const char = text[index];
    if (char === "{") located.keys = new Map();
    else if (char === "[") located.items = [];
    else if (char === '"') readString();
    else while (index < text.length && !WHITESPACE.has(text[index]!) && !",]}".includes(text[index]!)) index++;
    if (located.keys !== undefined || located.items !== undefined) index++;
    return located;
  };
  const root = readValue();
  const open: Located[] = root.keys === undefined && root.items === undefined ? [] : [root];
  while (open.length > 0) {
    const container = open.at(-1)!;
    skipWhitespace();
    if (text[index] === ",") {
      index++;
      skipWhitespace();
    }
    if (text[index] === "}" || text[index] === "]") {
      index++;
      open.pop();
      continue;
    }
    let value: Located;
    if (container.keys !== undefined) {
      const at = index;
      const key = readString();
      skipWhitespace();
      index++; // the colon
      value = readValue();
      if (container.keys.has(key)) duplicate ??= { key, at };
      else container.keys.set(key, { at, value });
    } else {
      value = readValue();
      container.items!.push(value);
    }
    if (value.keys !== undefined || value.items !== undefined) open.push(value);
  }
  return { root, duplicate };
}

/** Finds where a path is written: an object's entry at its key, an array's item at its start; a path that leaves the document stops at the deepest value it reached. */
function locator(text: string, root: Located): (path: (string | number)[]) => Position {
  return (path) => {
    let value: Located | undefined = root;
    let offset = root.start;
    for (const segment of path) {
      const entry: { at: number; value: Located } | undefined =
        value.keys !== undefined ? value.keys.get(String(segment)) : typeof segment === "number" && value.items?.[segment] !== undefined ? { at: value.items[segment]!.start, value: value.items[segment]! } : undefined;
      if (entry === undefined) break;
      offset = entry.at;
      value = entry.value;
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
  const { root, duplicate } = scan(text);
  if (duplicate !== undefined) {
    throw new ConfigError([{ path: "", message: `syntax error: duplicate key ${JSON.stringify(duplicate.key)}`, ...positionAt(text, duplicate.at) }], file);
  }
  return { config, locate: locator(text, root) };
}
