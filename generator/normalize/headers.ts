import type { ConfigIssue } from "../errors.js";
import { formatPath } from "../validate/paths.js";

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers that no HTTP client can send are config errors here: otherwise every
 * request of the resource would fail at run time, and be retried as if the network had.
 */
export function checkHeaders(headers: Record<string, unknown> | undefined, where: string, issues: ConfigIssue[]): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const path = `${where}${formatPath([name])}`;
    if (!TOKEN.test(name)) issues.push({ path, message: "a header name must be an HTTP token (letters, digits and !#$%&'*+.^_`|~-)" });
    if (typeof value === "string" && /[\r\n\0]/.test(value)) {
      issues.push({ path, message: "a header value cannot contain a line break or NUL" });
    }
  }
}
