import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSource, jsonFileStateStore, memoryStateStore } from "../generated/incremental/index.js";
import { API_KEY, event, startEventServer } from "../examples/incremental/server.js";
import { tempDir } from "./support/temp-dir.js";

let server: Awaited<ReturnType<typeof startEventServer>>;
beforeAll(async () => {
  server = await startEventServer(25);
});
afterAll(() => server.close());

async function readEvents(state: Parameters<typeof createSource>[0] extends infer O ? (O extends { state?: infer S } ? S : never) : never) {
  const source = createSource({ baseUrl: server.url, secrets: { events_key: API_KEY }, state, retry: { maxRetries: 0 } });
  const ids: string[] = [];
  for await (const record of source.resources.events.records()) ids.push(record.id);
  return ids;
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => event(from + index).id);

describe("incremental loading (examples/incremental)", () => {
  it("reads everything from initial_value, then only what is new, never a boundary record twice", async () => {
    const state = memoryStateStore();
    server.requests.length = 0;
    expect(await readEvents(state)).toEqual(ids(0, 25));
    expect(server.requests[0]).toBe("/v2/events?updated_since=2026-01-01T00%3A00%3A00Z&limit=10");
    const lastValue = event(24).updated_at;
    // Events 23 and 24 share the last minute: both are remembered, by primary key.
    expect(state.current.resources["events"]?.incremental).toEqual({
      last_value: lastValue,
      unique_hashes: [JSON.stringify([event(23).id]), JSON.stringify([event(24).id])],
    });

    server.add(25, 31);
    server.requests.length = 0;
    // Event 24 comes back (updated_since is inclusive) but was delivered already; 25 shares its minute and is new.
    expect(await readEvents(state)).toEqual(ids(25, 31));
    expect(server.requests[0]).toBe(`/v2/events?${new URLSearchParams({ updated_since: lastValue, limit: "10" })}`);
  });

  it("leaves the state unchanged when a run fails midway", async () => {
    const state = memoryStateStore();
    await readEvents(state);
    const before = structuredClone(state.current);
    server.add(31, 50);
    server.failOnPage(2);
    try {
      await expect(readEvents(state)).rejects.toMatchObject({ status: 500 });
      expect(state.current).toEqual(before);
    } finally {
      server.failOnPage(undefined);
    }
    expect(await readEvents(state)).toEqual(ids(31, 50));
  });

  it("keeps state in a JSON file between sources", async () => {
    const dir = await tempDir("state");
    try {
      const file = join(dir.path, "state.json");
      await readEvents(jsonFileStateStore(file));
      const saved = JSON.parse(await readFile(file, "utf8"));
      expect(saved.resources.events.incremental.last_value).toBe(event(49).updated_at);
      server.add(50, 53);
      expect(await readEvents(jsonFileStateStore(file))).toEqual(ids(50, 53));
    } finally {
      await dir.cleanup();
    }
  });
});
