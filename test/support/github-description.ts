import { ensureUnpacked, unpackedPath } from "./compressed-fixtures.js";

/**
 * GitHub's REST description, 13 MB as JSON, committed brotli-compressed (400 kB) like every
 * large corpus spec (see compressed-fixtures.ts). The GitHub corpus config reads it from this path.
 */
export const GITHUB_DESCRIPTION = unpackedPath("github", "api.github.com.json.br");

/** Decompresses the description once; later calls find the file and return at once. */
export function ensureGithubDescription(): string {
  return ensureUnpacked("github", "api.github.com.json.br");
}
