/**
 * Names the generated `index.ts` itself exports; derived record types must not
 * take them, so the types stage treats them as already used.
 */
export const MODULE_EXPORTS = [
  "AbortError",
  "AuthError",
  "ConnectorConfigError",
  "ConnectorError",
  "ConfigValues",
  "ConnectorOptions",
  "FieldOf",
  "HttpStatusError",
  "InvalidConfigValueError",
  "MissingConfigValueError",
  "MissingSecretError",
  "NetworkError",
  "Records",
  "ResourceParams",
  "ResourcesOf",
  "ResponseShapeError",
  "SecretName",
  "Source",
  "SourceOptions",
  "SourceState",
  "StateStore",
  "TimeoutError",
  "Transforms",
  "TransformsFor",
] as const;
