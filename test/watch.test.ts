import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../generator/cli.js";
import { tempDir } from "./support/temp-dir.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir("watch");
  await cp(join(import.meta.dirname, "..", "examples", "seed"), join(dir.path, "shop"), { recursive: true });
});
afterAll(() => dir?.cleanup());

/** Rewrites a file with one substring replaced, as an editor would save it. */
async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe("gen-connector --watch", () => {
  it("regenerates when the config or its OpenAPI document changes; a broken edit prints its error and watching goes on", async () => {
    const config = join(dir.path, "shop", "config.json");
    const spec = join(dir.path, "shop", "openapi.yaml");
    const out = join(dir.path, "out");
    const index = join(out, "index.ts");
    const stdout: string[] = [];
    const stderr: string[] = [];
    const controller = new AbortController();
    const io = { out: (...parts: unknown[]) => stdout.push(parts.join(" ")), err: (...parts: unknown[]) => stderr.push(parts.join(" ")) };
    const watching = main([config, "--out", out, "--watch"], io, controller.signal);
    const waitFor = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 20 });
    try {
      await waitFor(() => expect(stderr.join("\n")).toContain("watching config.json, openapi.yaml"));
      expect(await readFile(index, "utf8")).toContain("offsetPaginator({ limit: 100 })");

      await edit(config, '"limit": 100', '"limit": 50');
      await waitFor(async () => expect(await readFile(index, "utf8")).toContain("offsetPaginator({ limit: 50 })"));

      await edit(config, '"limit": 50', '"limit": -1');
      await waitFor(() => expect(stderr.join("\n")).toContain("resources[0].endpoint.paginator.limit"));
      expect(await readFile(index, "utf8")).toContain("offsetPaginator({ limit: 50 })");

      await edit(config, '"limit": -1', '"limit": 25');
      await waitFor(async () => expect(await readFile(index, "utf8")).toContain("offsetPaginator({ limit: 25 })"));

      await edit(spec, "description: Key of the user who created the resource.", "description: Who made it.");
      await waitFor(async () => expect(await readFile(index, "utf8")).toContain("/** Who made it. */"));
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
  });

  it("regenerates when a resource's JSON Schema file changes", async () => {
    const folder = join(dir.path, "events");
    const config = join(folder, "config.json");
    const schema = join(folder, "event.schema.json");
    await cp(join(import.meta.dirname, "fixtures", "types", "event.schema.json"), schema);
    await writeFile(config, JSON.stringify({ client: { base_url: "https://api.example.com" }, resources: [{ name: "events", schema: "./event.schema.json", endpoint: { path: "events" } }] }));
    const out = join(dir.path, "events-out");
    const stderr: string[] = [];
    const controller = new AbortController();
    const watching = main([config, "--out", out, "--watch"], { out: () => {}, err: (...parts: unknown[]) => stderr.push(parts.join(" ")) }, controller.signal);
    const waitFor = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 20 });
    try {
      await waitFor(() => expect(stderr.join("\n")).toContain("watching config.json, event.schema.json"));
      expect(await readFile(join(out, "index.ts"), "utf8")).not.toContain("source?:");
      await edit(schema, '"at": { "type": "string", "format": "date-time" },', '"at": { "type": "string", "format": "date-time" },\n    "source": { "type": "string" },');
      await waitFor(async () => expect(await readFile(join(out, "index.ts"), "utf8")).toContain("source?: string"));
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
  });
});
