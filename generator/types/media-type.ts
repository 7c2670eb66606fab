/**
 * Which media types carry JSON: `application/json` and every `application/*+json`
 * (JSON:API's `application/vnd.api+json`, `application/problem+json`, GitHub's
 * `application/vnd.github+json`), with or without parameters, and `*\/*`, which
 * specs write for "whatever the API sends" (JSON, for the APIs we read). One rule for
 * `init` and the types stage, so both pick the same response.
 */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(mediaType) || mediaType.trim() === "*/*";
}
