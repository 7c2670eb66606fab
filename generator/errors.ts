/** One problem in a config, located by its path (`resources[2].endpoint.paginator.limit`). */
export interface ConfigIssue {
  path: string;
  message: string;
  /** 1-based position in the config file, when the loader knows it (YAML and JSON files). */
  line?: number;
  column?: number;
}

function formatIssue(file: string | undefined, issue: ConfigIssue): string {
  const where = issue.line === undefined ? (file === undefined ? "" : `${file}: `) : `${file ?? "config"}:${issue.line}:${issue.column ?? 1}: `;
  return `${where}${issue.path === "" ? "(root)" : issue.path}: ${issue.message}`;
}

/**
 * The config (or a document it points to) cannot produce a connector.
 * Carries every issue found, not just the first; the message lists them all.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly issues: readonly ConfigIssue[];
  readonly file: string | undefined;

  constructor(issues: readonly ConfigIssue[], file?: string) {
    const lines = issues.map((issue) => formatIssue(file, issue));
    super(issues.length === 1 ? (lines[0] ?? "") : `${issues.length} problems in the config:\n  ${lines.join("\n  ")}`);
    this.issues = issues;
    this.file = file;
  }

  static at(path: string, message: string, file?: string): ConfigError {
    return new ConfigError([{ path, message }], file);
  }
}
