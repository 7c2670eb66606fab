/**
 * Placeholder syntax (reference §2.2): dlt expands path, params, json, data and endpoint headers with
 * Python's `str.format`, so `{expr}` is a placeholder, `{{` and `}}` are literal braces, and a lone
 * brace is an error at run time.
 */

/** One `{...}` in a string. */
export interface Placeholder {
  /** The field name: what comes before a `!conversion` or `:format spec` (`resources.users.id`). */
  name: string;
  /** 1-based position of the opening brace. */
  position: number;
}

export interface ParsedFormat {
  placeholders: Placeholder[];
  /** Why the string cannot be expanded, if it cannot. */
  error?: string;
}

/** The placeholders of `text`, or the first syntax error Python would raise on it. */
export function parseFormatString(text: string): ParsedFormat {
  const placeholders: Placeholder[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "}") {
      if (text[i + 1] === "}") {
        i += 2;
        continue;
      }
      return { placeholders, error: `unmatched "}" at character ${i + 1}; write "}}" for a literal brace` };
    }
    if (char !== "{") {
      i += 1;
      continue;
    }
    if (text[i + 1] === "{") {
      i += 2;
      continue;
    }
    // Inside a placeholder, braces may nest only in the format spec (`{x:{width}}`).
    let depth = 1;
    let nameEnd = -1;
    let j = i + 1;
    for (; j < text.length && depth > 0; j++) {
      const inner = text[j];
      if (nameEnd === -1 && (inner === ":" || inner === "!")) nameEnd = j;
      if (inner === "{") {
        if (nameEnd === -1)
          return {
            placeholders,
            error: `unexpected "{" inside the placeholder at character ${i + 1}; write "{{" for a literal brace`,
          };
        depth += 1;
      } else if (inner === "}") depth -= 1;
    }
    if (depth > 0)
      return { placeholders, error: `unmatched "{" at character ${i + 1}; write "{{" for a literal brace` };
    const name = text.slice(i + 1, nameEnd === -1 ? j - 1 : nameEnd);
    if (name === "")
      return {
        placeholders,
        error: `empty placeholder at character ${i + 1}; name a value, e.g. {resources.<parent>.<field>}, or write "{{" for a literal brace`,
      };
    placeholders.push({ name, position: i + 1 });
    i = j;
  }
  return { placeholders };
}
