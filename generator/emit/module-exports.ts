/**
 * Names the generated `index.ts` itself exports; derived record types must not
 * take them, so the types stage treats them as already used.
 */
export const MODULE_EXPORTS = [
  "AbortError",
  "ConnectorError",
  "ConnectorOptions",
  "HttpStatusError",
  "MissingSecretError",
  "NetworkError",
  "ResponseShapeError",
  "SecretName",
  "Source",
  "SourceOptions",
  "TimeoutError",
] as const;
