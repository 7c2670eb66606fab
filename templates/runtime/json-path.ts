/**
 * The JSONPath subset that dlt configs use for `data_selector`, `total_path`,
 * `next_url_path`, `cursor_path` and friends: `$`, dotted names (`a.b`, with or
 * without a leading `$.`), `[n]`, `[*]` / `.*`, bracket-quoted names
 * (`['@odata.nextLink']`) and recursive descent (`..name`).
 * Filters (`[?(...)]`) are not supported and are rejected when the path is parsed.
 */
export type JsonPathSegment =
  | { kind: "name"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "descendants"; name: string };

export class JsonPathSyntaxError extends Error {
  override name = "JsonPathSyntaxError";
}

const NAME = /^[A-Za-z0-9_$@\-]+/;

export function parseJsonPath(path: string): JsonPathSegment[] {
  const segments: JsonPathSegment[] = [];
  let rest = path.trim();
  const fail = (why: string): never => {
    throw new JsonPathSyntaxError(`invalid JSONPath ${JSON.stringify(path)}: ${why}`);
  };
  if (rest === "") fail("it is empty");
  // A bare path (`data.items`, `['@odata.nextLink']`) is relative to the root, as in dlt.
  if (rest.startsWith("$")) rest = rest.slice(1);
  else if (!rest.startsWith("[")) rest = `.${rest}`;
  while (rest !== "") {
    if (rest.startsWith("..")) {
      const name =
        NAME.exec(rest.slice(2))?.[0] ??
        fail(`expected a name after ".." at ${JSON.stringify(rest)}`);
      segments.push({ kind: "descendants", name });
      rest = rest.slice(2 + name.length);
    } else if (rest.startsWith(".*")) {
      segments.push({ kind: "wildcard" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const name =
        NAME.exec(rest.slice(1))?.[0] ?? fail(`expected a name at ${JSON.stringify(rest)}`);
      segments.push({ kind: "name", name });
      rest = rest.slice(1 + name.length);
    } else if (rest.startsWith("[")) {
      const close = rest.indexOf("]");
      if (close < 0) fail(`unclosed "["`);
      const inner = rest.slice(1, close).trim();
      if (inner === "*") segments.push({ kind: "wildcard" });
      else if (/^-?\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
      else if (/^'[^']*'$|^"[^"]*"$/.test(inner))
        segments.push({ kind: "name", name: inner.slice(1, -1) });
      else fail(`unsupported selector [${inner}] (supported: [n], [*], ['name'])`);
      rest = rest.slice(close + 1);
    } else {
      fail(`unexpected ${JSON.stringify(rest[0])}`);
    }
  }
  return segments;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `Object.hasOwn`, which is ES2022. */
function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function descendants(value: unknown, name: string, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) descendants(item, name, into);
  } else if (isObject(value)) {
    if (hasOwn(value, name)) into.push(value[name]);
    for (const child of Object.values(value)) descendants(child, name, into);
  }
}

/** Every value the path matches in `document`, in document order. */
export function findAll(segments: readonly JsonPathSegment[], document: unknown): unknown[] {
  let current: unknown[] = [document];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      switch (segment.kind) {
        case "name":
          if (isObject(value) && hasOwn(value, segment.name)) next.push(value[segment.name]);
          break;
        case "index":
          if (Array.isArray(value)) {
            const index = segment.index < 0 ? value.length + segment.index : segment.index;
            if (index >= 0 && index < value.length) next.push(value[index]);
          }
          break;
        case "wildcard":
          if (Array.isArray(value)) next.push(...value);
          else if (isObject(value)) next.push(...Object.values(value));
          break;
        case "descendants":
          descendants(value, segment.name, next);
          break;
      }
    }
    current = next;
  }
  return current;
}

/** The first match, and whether there was one (a match may itself be `null`). */
export function findFirst(
  segments: readonly JsonPathSegment[],
  document: unknown,
): { found: boolean; value: unknown } {
  const matches = findAll(segments, document);
  return matches.length === 0
    ? { found: false, value: undefined }
    : { found: true, value: matches[0] };
}

/**
 * The JSONPath of a list of object keys, dotted where it can be (`links.next`) and
 * bracketed where a key is not a plain name (`['@odata.nextLink']`), so detected
 * paths always parse back to the same keys.
 */
export function toJsonPath(keys: readonly string[]): string {
  return keys
    .map((key, index) => {
      if (/^[A-Za-z0-9_@\-]+$/.test(key)) return index === 0 ? key : `.${key}`;
      if (!key.includes("'")) return `['${key}']`;
      if (!key.includes('"')) return `["${key}"]`;
      throw new JsonPathSyntaxError(
        `the key ${JSON.stringify(key)} holds both quote characters and cannot be written as a JSONPath`,
      );
    })
    .join("");
}
