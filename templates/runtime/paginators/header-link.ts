import { nextUrlPaginator } from "./json-link.js";
import { PaginationError, type PaginatorFactory } from "./paginator.js";

/**
 * dlt paginator `type: "header_link"` (reference §3.2): follows the link of the
 * `Link` response header whose relation is `links_next_key` (default `"next"`),
 * relative URLs resolved against the current one, with the query parameters
 * cleared (the link carries them); headers and JSON body are kept. The only
 * stop condition is no such link: no `Link` header, or none with that relation.
 * The header is read as RFC 8288 says, which is more than dlt's HTTP client does:
 * `rel` may list several relation types, quoted or not, compared in any case.
 * An empty link (`<>`) is an error, where dlt would send a broken request.
 */
export interface HeaderLinkPaginatorOptions {
  links_next_key?: string;
}

/** One link of a `Link` header: its target and its relation types, lower-cased. */
export interface LinkValue {
  url: string;
  rels: string[];
}

const SPACE = /[ \t]/;

function skipSpaces(text: string, at: number): number {
  while (at < text.length && SPACE.test(text.charAt(at))) at++;
  return at;
}

/** Reads a quoted-string starting at the opening quote; returns its unescaped text and where it ends. */
function readQuoted(text: string, at: number): { value: string; end: number } {
  let value = "";
  for (let index = at + 1; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === "\\") value += text.charAt(++index);
    else if (char === '"') return { value, end: index + 1 };
    else value += char;
  }
  return { value, end: text.length };
}

/**
 * Parses a `Link` header value (RFC 8288 §3): `<uri>` then `;`-separated params whose
 * values are tokens or quoted strings, links separated by commas. Only `rel` is kept;
 * it may list several relation types separated by spaces, and only its first
 * occurrence counts. Malformed parts are skipped rather than failing the run.
 */
export function parseLinkHeader(header: string): LinkValue[] {
  const links: LinkValue[] = [];
  let at = 0;
  for (;;) {
    const open = header.indexOf("<", at);
    if (open < 0) break;
    const close = header.indexOf(">", open + 1);
    if (close < 0) break;
    const link: LinkValue = { url: header.slice(open + 1, close).trim(), rels: [] };
    let relSeen = false;
    at = close + 1;
    while (at < header.length) {
      at = skipSpaces(header, at);
      const char = header.charAt(at);
      if (char === ",") {
        at++;
        break;
      }
      if (char !== ";") {
        at++;
        continue;
      }
      at = skipSpaces(header, at + 1);
      const name = /^[^\s=;,]*/.exec(header.slice(at))?.[0] ?? "";
      at = skipSpaces(header, at + name.length);
      let value = "";
      if (header.charAt(at) === "=") {
        at = skipSpaces(header, at + 1);
        if (header.charAt(at) === '"') {
          const quoted = readQuoted(header, at);
          value = quoted.value;
          at = quoted.end;
        } else {
          const token = /^[^;,]*/.exec(header.slice(at))?.[0] ?? "";
          value = token.trim();
          at += token.length;
        }
      }
      if (name.toLowerCase() === "rel" && !relSeen) {
        relSeen = true;
        link.rels = value
          .toLowerCase()
          .split(/\s+/)
          .filter((rel) => rel !== "");
      }
    }
    links.push(link);
  }
  return links;
}

/**
 * The URL of the link with relation `rel` (compared case-insensitively, as RFC 8288
 * says), or `undefined`. When several links have it the last one wins, as in dlt.
 */
export function findLink(headers: Headers, rel: string): string | undefined {
  const header = headers.get("link");
  if (header === null) return undefined;
  const wanted = rel.toLowerCase();
  const links = parseLinkHeader(header);
  // A loop from the end rather than `findLast`, which is ES2023.
  for (let index = links.length - 1; index >= 0; index--) {
    const link = links[index]!;
    if (link.rels.includes(wanted)) return link.url;
  }
  return undefined;
}

export function headerLinkPaginator(options: HeaderLinkPaginatorOptions = {}): PaginatorFactory {
  const nextKey = options.links_next_key ?? "next";
  return () =>
    nextUrlPaginator(({ headers }) => {
      const next = findLink(headers, nextKey);
      // `<>` points at the current page, which would be fetched forever.
      if (next === "")
        throw new PaginationError(`the Link header's rel="${nextKey}" link is empty`);
      return next;
    });
}
