import { MissingSecretError } from "./errors.js";

export type Environment = Record<string, string | undefined>;

/** The process environment where there is one, else nothing. */
export function processEnvironment(): Environment {
  // Read through globalThis so the connector also type-checks and runs where `process` does not exist.
  const host = globalThis as { process?: { env?: Environment } };
  return host.process?.env ?? {};
}

/** The environment variable a secret is read from when it is not passed in options: its name in upper case. */
export function environmentVariableFor(secret: string): string {
  return secret.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

/**
 * Resolves the named secrets: from `given` first, else from the environment.
 * Throws `MissingSecretError` naming both ways for the first one that is missing.
 */
export function resolveSecrets<Name extends string>(
  names: readonly Name[],
  given: Partial<Record<Name, string>> | undefined,
  environment: Environment = processEnvironment(),
): Record<Name, string> {
  const resolved = {} as Record<Name, string>;
  for (const name of names) {
    const variable = environmentVariableFor(name);
    const value = given?.[name] ?? environment[variable];
    if (value === undefined || value === "") throw new MissingSecretError(name, variable);
    resolved[name] = value;
  }
  return resolved;
}
