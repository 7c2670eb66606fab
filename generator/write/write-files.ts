import { mkdir, readdir, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { ConfigError } from "../errors.js";
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

/** Files under `dir` that gen-connector wrote (they start with its marker), relative, POSIX separators; `known` holds contents already read. */
async function previouslyGenerated(dir: string, known: ReadonlyMap<string, string | undefined>): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // .ts, and .js and .d.ts from `--emit js`: switching between the two leaves nothing stale behind.
  const candidates = entries.filter((entry) => entry.isFile() && /\.[jt]s$/.test(entry.name)).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
  const contents = await Promise.all(candidates.map((path) => (known.has(path) ? known.get(path) : readIfExists(join(dir, path)))));
  return candidates.filter((_, index) => contents[index]?.startsWith(GENERATED_MARKER));
}

/** What is on disk where `files` would go (each read once, together), and the differences writing them would make. */
async function compareWithDisk(outDir: string, files: readonly GeneratedFile[]): Promise<{ existing: Map<string, string | undefined>; differences: FileDifference[] }> {
  const contents = await Promise.all(files.map((file) => readIfExists(outputPath(outDir, file.path))));
  const existing = new Map(files.map((file, index) => [file.path, contents[index]]));
  const differences: FileDifference[] = [];
  for (const file of files) {
    const current = existing.get(file.path);
    if (current === undefined) differences.push({ path: file.path, change: "added" });
    else if (current !== file.contents) differences.push({ path: file.path, change: "changed" });
  }
  const wanted = new Set(files.map((file) => file.path));
  for (const path of await previouslyGenerated(outDir, existing)) {
    if (!wanted.has(path)) differences.push({ path, change: "removed" });
  }
  return { existing, differences: differences.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** What writing `files` to `outDir` would change, including generated files that are no longer generated. */
export async function diffFiles(outDir: string, files: readonly GeneratedFile[]): Promise<FileDifference[]> {
  return (await compareWithDisk(outDir, files)).differences;
}

/** Files exist where the connector would go that gen-connector did not write; `paths` lists them. */
export class OverwriteError extends Error {
  override name = "OverwriteError";
  /** The foreign files, as paths under the output folder. */
  readonly paths: readonly string[];

  constructor(outDir: string, paths: readonly string[]) {
    super(`refusing to overwrite files gen-connector did not generate (use --force): ${paths.map((path) => join(outDir, path)).join(", ")}`);
    this.paths = paths;
  }
}

/** The real path of `dir`, or of its nearest ancestor that exists: where a mkdir of it would start creating. */
async function realExisting(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch (error) {
    const parent = dirname(dir);
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" || parent === dir) throw error;
    return realExisting(parent);
  }
}

/**
 * Refuses a folder that is, through a symbolic link, somewhere outside the output folder.
 * Checked before the folder is created, so not even an empty folder appears outside.
 */
async function checkInside(outDir: string, dir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const [root, real] = await Promise.all([realpath(outDir), realExisting(dir)]);
  const inside = relative(root, real);
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw ConfigError.at("", `refusing to write into ${dir}: it links outside the output folder ${outDir}`);
  }
}

/**
 * Writes `files` under `outDir` and removes generated files that are no longer
 * generated. Every changed file is first written in full to a temporary name beside
 * it; only when all of them are written are they renamed into place, one quick
 * rename each. An interrupted or failed run therefore leaves the previous output as
 * it was (the temporary files are removed on failure).
 * A file that exists but was not written by gen-connector is never overwritten unless `force`.
 */
export async function writeFiles(outDir: string, files: readonly GeneratedFile[], options: { force?: boolean } = {}): Promise<FileDifference[]> {
  const { existing, differences } = await compareWithDisk(outDir, files);
  if (!options.force) {
    const foreign = files.filter((file) => {
      const current = existing.get(file.path);
      return current !== undefined && !current.startsWith(GENERATED_MARKER);
    });
    if (foreign.length > 0) throw new OverwriteError(outDir, foreign.map((file) => file.path));
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const difference of differences) {
      if (difference.change === "removed") continue;
      const target = outputPath(outDir, difference.path);
      await checkInside(outDir, dirname(target));
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      staged.push({ temporary, target });
      // A leftover of a killed run is removed, and the new one created exclusively, so that a
      // symbolic link placed at the temporary name cannot redirect the write.
      await rm(temporary, { force: true });
      await writeFile(temporary, byPath.get(difference.path)!.contents, { flag: "wx" });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true }).catch(() => undefined)));
    throw error;
  }
  for (const { temporary, target } of staged) await rename(temporary, target);
  for (const difference of differences) {
    if (difference.change === "removed") await rm(outputPath(outDir, difference.path));
  }
  return differences;
}
