import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";

const COMPRESSED = join(import.meta.dirname, "..", "fixtures", "corpus", "github", "api.github.com.json.br");

/**
 * GitHub's REST description, 13 MB as JSON, is committed brotli-compressed (400 kB) so a
 * contributor's `npm ci` does not download a 385 MB package for one file. The GitHub corpus
 * config reads it from this path; every entry point that generates it calls this first.
 */
export const GITHUB_DESCRIPTION = join(import.meta.dirname, "..", ".tmp", "github-description", "api.github.com.json");

/** Decompresses the description once; later calls find the file and return at once. */
export function ensureGithubDescription(): string {
  if (existsSync(GITHUB_DESCRIPTION)) return GITHUB_DESCRIPTION;
  mkdirSync(dirname(GITHUB_DESCRIPTION), { recursive: true });
  // Write then rename: two test workers racing here never see half a file.
  const partial = `${GITHUB_DESCRIPTION}.${process.pid}.partial`;
  writeFileSync(partial, brotliDecompressSync(readFileSync(COMPRESSED)));
  renameSync(partial, GITHUB_DESCRIPTION);
  return GITHUB_DESCRIPTION;
}
