/**
 * `--config owner=octocat --config repo=hello`: run-time values given on the command
 * line (for `gen-connector sync`), as the `config` option of a connector's `createSource`.
 * Values stay text; the connector converts each to its type as it does environment variables.
 */
import { ConfigError } from "./errors.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses `name=value` pairs (the value may contain `=`; the last pair for a name wins). Throws a `ConfigError` naming each bad pair. */
export function parseConfigAssignments(pairs: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const issues = pairs.flatMap((pair, index) => {
    const split = pair.indexOf("=");
    const name = split === -1 ? pair : pair.slice(0, split);
    if (split === -1 || !NAME.test(name)) {
      return [{ path: `--config[${index}]`, message: `expected name=value with a name of letters, digits and underscores, got ${JSON.stringify(pair)}` }];
    }
    Object.defineProperty(values, name, { value: pair.slice(split + 1), enumerable: true, writable: true, configurable: true });
    return [];
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return values;
}
