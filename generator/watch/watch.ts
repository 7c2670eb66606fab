/**
 * `gen-connector --watch`: generates each config once, then again whenever a file its last
 * successful generation read changes (the config, its OpenAPI documents, schema files). Errors are
 * printed and watching goes on; the next good edit regenerates.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { CliIo } from "../cli.js";

/** Generates one config and says which files it read (none when it failed before reading them). */
export type GenerateOnce = (configPath: string) => Promise<{ inputs: string[] }>;

/** Editors save in bursts (truncate, write, rename): changes this close together make one run. */
const SETTLE_MS = 25;

/**
 * Watches folders rather than files: an editor that saves by writing a new file and renaming it
 * over the old one would leave a watch on the file itself looking at a deleted inode.
 */
class FolderWatches {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(private readonly onChange: (file: string) => void) {}

  /** Watches exactly the folders of `files`, closing watches no longer needed. */
  update(files: Iterable<string>): void {
    const folders = new Set([...files].map((file) => dirname(file)));
    for (const [folder, watcher] of this.watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      const watcher = watch(folder, (_event, name) => {
        if (name !== null) this.onChange(resolve(folder, name.toString()));
      });
      watcher.on("error", () => watcher.close());
      this.watchers.set(folder, watcher);
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

/** Runs until `signal` aborts (or forever). One generation at a time; a change during one queues the next. */
export async function watchConfigs(configPaths: readonly string[], generateOnce: GenerateOnce, io: CliIo, signal?: AbortSignal): Promise<void> {
  // Per config, the files whose change regenerates it: always the config itself, plus what its last good run read.
  const inputs = new Map(configPaths.map((path) => [path, new Set([resolve(path)])]));
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const watches = new FolderWatches((file) => {
    for (const [configPath, files] of inputs) if (files.has(file)) pending.add(configPath);
    if (pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const configs = [...pending];
      pending.clear();
      running = running.then(() => runAll(configs));
    }, SETTLE_MS);
  });

  const runAll = async (configs: string[]): Promise<void> => {
    for (const configPath of configs) {
      const { inputs: read } = await generateOnce(configPath);
      if (read.length > 0) inputs.set(configPath, new Set([resolve(configPath), ...read]));
    }
    watches.update([...inputs.values()].flatMap((files) => [...files]));
  };

  await runAll([...configPaths]);
  const watched = new Set([...inputs.values()].flatMap((files) => [...files].map((file) => basename(file))));
  io.err(`watching ${[...watched].sort().join(", ")}; Ctrl-C stops`);
  await new Promise<void>((done) => {
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", () => done(), { once: true });
  });
  clearTimeout(timer);
  watches.close();
  await running;
}
