/**
 * Guess: a required header parameter that carries a credential (`X-ListenAPI-Key`,
 * `X-Auth-Token`), for specs that declare their key as a parameter of every
 * operation instead of as a security scheme. It becomes `api_key` auth in that header.
 */
import { getOperations, type SpecParameter } from "./spec.js";
import type { JsonObject } from "../types/json-pointer.js";

const CREDENTIAL = /api[-_]?key|token|auth|secret/i;

export function isCredentialHeader(parameter: SpecParameter): boolean {
  return parameter.in === "header" && parameter.required && CREDENTIAL.test(parameter.name);
}

/** The credential header most GET operations require, if any. */
export function credentialHeader(document: JsonObject): string | undefined {
  const uses = new Map<string, number>();
  for (const operation of getOperations(document)) {
    for (const parameter of operation.parameters.filter(isCredentialHeader)) uses.set(parameter.name, (uses.get(parameter.name) ?? 0) + 1);
  }
  return [...uses.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
