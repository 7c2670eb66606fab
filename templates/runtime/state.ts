import type { IncrementalState } from "./incremental.js";

/** Everything a source keeps between runs, by resource name. */
export interface SourceState {
  resources: { [resource: string]: { incremental?: IncrementalState } };
}

/**
 * Where a source reads its state at the start of each resource run and writes it
 * when the run has delivered every record. A run that fails writes nothing, so the
 * state never moves past records that were not delivered.
 */
export interface StateStore {
  load(): Promise<SourceState>;
  save(state: SourceState): Promise<void>;
}

const empty = (): SourceState => ({ resources: {} });

/** Keeps state in memory; `current` shows it. The default when `createSource` is given no store. */
export function memoryStateStore(
  initial: SourceState = empty(),
): StateStore & { readonly current: SourceState } {
  let current: SourceState = structuredClone(initial);
  return {
    get current() {
      return current;
    },
    async load() {
      return structuredClone(current);
    },
    async save(state) {
      current = structuredClone(state);
    },
  };
}

interface FileSystem {
  readFile(path: string, encoding: "utf8"): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

/**
 * Keeps state in a JSON file (Node only). Writes go to a temporary file that is
 * renamed over the old one, so a crash leaves either the old or the new state.
 */
export function jsonFileStateStore(path: string): StateStore {
  // Imported lazily and typed here, so the connector compiles and loads where Node's types or modules are absent.
  const fs = () => import("node:fs/promises" as string) as Promise<FileSystem>;
  return {
    async load() {
      try {
        return JSON.parse(await (await fs()).readFile(path, "utf8")) as SourceState;
      } catch (error) {
        if ((error as { code?: unknown }).code === "ENOENT") return empty();
        throw error;
      }
    },
    async save(state) {
      const files = await fs();
      const temporary = `${path}.tmp`;
      await files.writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
      await files.rename(temporary, path);
    },
  };
}
