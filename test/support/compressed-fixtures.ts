import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";

/** The public corpus: one folder per spec. */
export const CORPUS = join(import.meta.dirname, "..", "fixtures", "corpus");

/** Where compressed corpus files are unpacked: `test/.tmp/corpus/<spec>/<file>`. */
export const UNPACKED_CORPUS = join(import.meta.dirname, "..", ".tmp", "corpus");

/**
 * Large published specs (GitHub's is 13 MB) are committed brotli-compressed, as
 * `<file>.br`, so the repository and a contributor's `npm ci` stay small. A corpus
 * config reads the unpacked file, `../../../.tmp/corpus/<spec>/<file>`.
 */
export function unpackedPath(spec: string, compressedFile: string): string {
  return join(UNPACKED_CORPUS, spec, compressedFile.replace(/\.br$/, ""));
}

/** Decompresses one file once; later calls find it and return at once. */
export function ensureUnpacked(spec: string, compressedFile: string): string {
  const target = unpackedPath(spec, compressedFile);
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename: two test workers racing here never see half a file.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, brotliDecompressSync(readFileSync(join(CORPUS, spec, compressedFile))));
  renameSync(partial, target);
  return target;
}

/** Unpacks every `.br` file of the corpus; returns their unpacked paths. */
export function ensureCorpusUnpacked(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(join(CORPUS, entry.name)).filter((file) => file.endsWith(".br")).map((file) => ensureUnpacked(entry.name, file)));
}
