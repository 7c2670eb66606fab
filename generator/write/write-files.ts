import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { GeneratedFile } from "../emit/emit-connector.js";
import { GENERATED_MARKER } from "../emit/header.js";
import { outputPath } from "./output-paths.js";

/** How a file on disk differs from what would be generated. */
export interface FileDifference {
  path: string;
  change: "added" | "changed" | "removed";
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Files under `dir` that gen-connector wrote (they start with its marker), relative, POSIX separators. */
async function previouslyGenerated(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const full = join(entry.parentPath, entry.name);
    if ((await readIfExists(full))?.startsWith(GENERATED_MARKER)) found.push(relative(dir, full).split(sep).join("/"));
  }
  return found;
}

/** What writing `files` to `outDir` would change, including generated files that are no longer generated. */
export async function diffFiles(outDir: string, files: readonly GeneratedFile[]): Promise<FileDifference[]> {
  const differences: FileDifference[] = [];
  for (const file of files) {
    const existing = await readIfExists(outputPath(outDir, file.path));
    if (existing === undefined) differences.push({ path: file.path, change: "added" });
    else if (existing !== file.contents) differences.push({ path: file.path, change: "changed" });
  }
  const wanted = new Set(files.map((file) => file.path));
  for (const path of await previouslyGenerated(outDir)) {
    if (!wanted.has(path)) differences.push({ path, change: "removed" });
  }
  return differences.sort((a, b) => a.path.localeCompare(b.path));
}

export class OverwriteError extends Error {
  override name = "OverwriteError";
}

/**
 * Writes `files` under `outDir` and removes generated files that are no longer
 * generated. Each file is written to a temporary name and renamed into place, so
 * an interrupted run leaves every file either old or new, never half written.
 * A file that exists but was not written by gen-connector is never overwritten unless `force`.
 */
export async function writeFiles(outDir: string, files: readonly GeneratedFile[], options: { force?: boolean } = {}): Promise<FileDifference[]> {
  const differences = await diffFiles(outDir, files);
  if (!options.force) {
    const foreign: string[] = [];
    for (const file of files) {
      const existing = await readIfExists(outputPath(outDir, file.path));
      if (existing !== undefined && !existing.startsWith(GENERATED_MARKER)) foreign.push(file.path);
    }
    if (foreign.length > 0) {
      throw new OverwriteError(`refusing to overwrite files gen-connector did not generate (use --force): ${foreign.map((path) => join(outDir, path)).join(", ")}`);
    }
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const difference of differences) {
    const target = outputPath(outDir, difference.path);
    if (difference.change === "removed") {
      await rm(target);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, byPath.get(difference.path)!.contents);
    await rename(temporary, target);
  }
  return differences;
}
