/** A `.yaml` or `.yml` config, through the `yaml` parser, which keeps every node's position. */
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { locator, type Position } from "./locate.js";

/** The parser's words only: its pretty form quotes the source line, which may hold a credential. */
function syntaxIssue(error: YAMLError, lineCounter: LineCounter): ConfigIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { path: "", message: `syntax error: ${error.message}`, line, column: col };
}

/** Parses a YAML config's text; throws `ConfigError` (with line and column) on a syntax error. */
export function parseYamlConfig(text: string, file: string): { config: unknown; locate: (path: (string | number)[]) => Position | undefined } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues = document.errors.map((error) => syntaxIssue(error, lineCounter));
  if (issues.length > 0) throw new ConfigError(issues, file);
  let config: unknown;
  try {
    config = document.toJS();
  } catch (error) {
    // e.g. an alias expanding beyond the parser's limit ("billion laughs").
    throw ConfigError.at(
      "",
      `cannot read the document: ${error instanceof Error ? error.message : String(error)}`,
      file,
    );
  }
  return { config, locate: locator(document, lineCounter) };
}
