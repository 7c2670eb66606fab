/**
 * Stage `load`: reads a `.json`, `.yaml` or `.yml` config into a plain value, keeping the parsed
 * document so later issues can point at a line. Both formats go through the `yaml` parser (YAML 1.2
 * reads JSON), so positions work the same way for both.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { locator, type Position } from "./locate.js";

/** A parsed config, not yet validated, and where each of its paths is written. */
export interface LoadedConfig {
  config: unknown;
  locate: (path: (string | number)[]) => Position | undefined;
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

/** The parser's words only: its pretty form quotes the source line, which may hold a credential. */
function syntaxIssue(error: YAMLError, lineCounter: LineCounter): ConfigIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { path: "", message: `syntax error: ${error.message}`, line, column: col };
}

/**
 * YAML accepts what JSON does not (trailing commas, comments), so a `.json` file is also held to
 * JSON. Only the position is taken from the engine's message, which may quote the text.
 */
function jsonIssue(text: string, lineCounter: LineCounter): ConfigIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const reason = /^(.*?) in JSON at position \d+/.exec(message)?.[1];
    const offset = /at position (\d+)/.exec(message)?.[1];
    const issue: ConfigIssue = { path: "", message: `invalid JSON${reason === undefined ? "" : `: ${reason}`}` };
    if (offset === undefined) return issue;
    const { line, col } = lineCounter.linePos(Number(offset));
    return { ...issue, line, column: col };
  }
}

/** Reads and parses a config file; throws `ConfigError` (with line and column) on a syntax error. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const extension = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(extension)) {
    throw ConfigError.at("", `unsupported config file type "${extension}"; use .json, .yaml or .yml`, file);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw ConfigError.at("", `cannot read the config file (${code})`, file);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues = document.errors.map((error) => syntaxIssue(error, lineCounter));
  const strictJson = issues.length === 0 && extension === ".json" ? jsonIssue(text, lineCounter) : undefined;
  if (strictJson !== undefined) issues.push(strictJson);
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
