import { access, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { relativeDependencies } from "../../generator/emit/runtime-files.js";
import { generate, writeConnector } from "../../generator/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { tempDir } from "../support/temp-dir.js";

// Reading records must not load the sync code (normalizer, merge SQL, system tables): it would only add to the
// memory and start-up of every connector that never syncs. `source.sync()` imports it when first called.

const CONFIG = {
  name: "lazy-sync",
  client: { base_url: "http://127.0.0.1:1" },
  resources: [{ name: "items", endpoint: { path: "/items", data_selector: "items", paginator: { type: "single_page" } } }],
};

let dir: { path: string; cleanup: () => Promise<void> };
let server: TestServer;

beforeAll(async () => {
  dir = await tempDir("lazy-sync");
  await writeConnector(await generate({ config: CONFIG, outDir: dir.path }));
  server = await startServer((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ items: [{ id: 1 }, { id: 2 }] }));
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await dir?.cleanup();
});

/** `import type …;` and `export type … from …;`: compiled away, they load nothing. */
const TYPE_ONLY = /^(?:import|export) type\b[^;]*;/gm;

/**
 * Every module the emitted index loads statically, as paths relative to the connector folder. A value import
 * with `type` names beside its values counts as loading its module, so this can only over-count.
 */
async function staticGraph(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const contents = await readFile(join(dir.path, path), "utf8");
    pending.push(...relativeDependencies(path, contents.replace(TYPE_ONLY, "")).map(posix.normalize));
  }
  return seen;
}

it("importing a connector loads no sync module; sync() still finds them", async () => {
  const loaded = await staticGraph("index.ts");
  expect(loaded).toContain("runtime/client.ts");
  expect(loaded).toContain("runtime/sync-error.ts");
  expect(loaded).toContain("runtime/destinations/duckdb.ts");
  expect([...loaded].filter((path) => path.startsWith("runtime/sync/"))).toEqual([]);
  // Shipped all the same, for the dynamic import in sync().
  await access(join(dir.path, "runtime", "sync", "sync.ts"));
  expect(await readFile(join(dir.path, "index.ts"), "utf8")).toContain('import("./runtime/sync/sync.js")');
});

it("the generated module reads records and exports SyncError", async () => {
  const connector = (await import(pathToFileURL(join(dir.path, "index.ts")).href)) as {
    SyncError: new (message: string, resource: string) => Error & { resource: string };
    createSource(options: { baseUrl: string }): { resources: { items: { records(): AsyncGenerator<unknown> } } };
  };
  const records = [];
  for await (const record of connector.createSource({ baseUrl: server.url }).resources.items.records()) records.push(record);
  expect(records).toEqual([{ id: 1 }, { id: 2 }]);
  const error = new connector.SyncError("needs a primary_key", "items");
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ name: "SyncError", resource: "items", message: 'resource "items": needs a primary_key' });
});
