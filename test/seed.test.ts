import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeConnector } from "../generator/index.js";
import { exampleRecords, startExampleServer, type ExampleServer } from "../examples/seed/server.js";
import { sendJson, startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp-dir.js";
import { typeCheck } from "./support/typecheck.js";

const API_KEY = "seed-canary-key";

/** Compiled together with the connector: each line states a type fact, and the build fails if one is false. */
const TYPE_TESTS = `
import { createSource, resourceMetadata, type ResourceName } from "./index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | void {}

assertType<Equal<ResourceName["id"], number>>();
assertType<Equal<ResourceName["customer_id"], string | null>>();
assertType<Equal<ResourceName["user_key"], string>>();
assertType<Equal<ResourceName["amount"], number | null | undefined>>();
assertType<Equal<ResourceName["tags"], string[]>>();
assertType<Equal<ResourceName["created_at"], string>>();
assertType<Equal<(typeof resourceMetadata)["resource_name"]["primaryKey"], "id">>();
assertType<Equal<(typeof resourceMetadata)["resource_name"]["writeDisposition"], "merge">>();

const minimal: ResourceName = { id: 1, customer_id: null, user_key: "u", created_at: "2026-01-01T00:00:00Z", tags: [] };
// @ts-expect-error customer_id is required (nullable, not optional)
const missingCustomer: ResourceName = { id: 1, user_key: "u", created_at: "", tags: [] };
// @ts-expect-error amount is optional, so it may be absent but never explicitly undefined
const explicitUndefined: ResourceName = { ...minimal, amount: undefined };

export async function readAll(): Promise<number> {
  const source = createSource({ secrets: { api_key: "k" } });
  assertType<Equal<typeof source.resources.resource_name.primaryKey, "id">>();
  let count = 0;
  for await (const record of source.resources.resource_name.records()) {
    assertType<Equal<typeof record, ResourceName>>();
    // @ts-expect-error no such field on a record
    record.nope;
    count += record.id;
  }
  for await (const page of source.resources.resource_name.pages()) {
    assertType<Equal<typeof page.records, ResourceName[]>>();
  }
  // @ts-expect-error only the config's secrets may be passed
  createSource({ secrets: { other: "x" } });
  const mapped = createSource({
    transform: { resource_name: { filter: (record) => record.customer_id !== null, map: (record) => ({ key: record.id, tags: record.tags.length }) } },
  });
  for await (const record of mapped.resources.resource_name.records()) {
    assertType<Equal<typeof record, { key: number; tags: number }>>();
    // @ts-expect-error the map's output has no customer_id
    record.customer_id;
  }
  const filteredOnly = createSource({ transform: { resource_name: { filter: (record) => record.id > 3 } } });
  for await (const record of filteredOnly.resources.resource_name.records()) assertType<Equal<typeof record, ResourceName>>();
  // @ts-expect-error a map's parameter is the resource's record
  createSource({ transform: { resource_name: { map: (record: { nope: string }) => record.nope } } });
  return count;
}
export { missingCustomer, explicitUndefined };
`;

type SeedModule = typeof import("../generated/seed/index.js");

let dir: Awaited<ReturnType<typeof tempDir>>;
let connector: SeedModule;
let server: ExampleServer;

beforeAll(async () => {
  dir = await tempDir("seed");
  const configPath = "examples/seed/config.json";
  const config: unknown = JSON.parse(await readFile(configPath, "utf8"));
  const result = await generate({ config, configPath, outDir: dir.path });
  await writeConnector(result);
  await writeFile(join(dir.path, "type-tests.ts"), TYPE_TESTS);
  connector = (await import(pathToFileURL(join(dir.path, "index.ts")).href)) as SeedModule;
  server = await startExampleServer({ apiKey: API_KEY, records: 250 });
});

afterAll(async () => {
  await server?.close();
  await dir?.cleanup();
});

describe("the seed connector, generated, compiled and run", () => {
  it("type-checks under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes, with the type facts holding", () => {
    expect(typeCheck([join(dir.path, "index.ts"), join(dir.path, "type-tests.ts")])).toEqual([]);
  });

  it("contains no any and no secret", async () => {
    const index = await readFile(join(dir.path, "index.ts"), "utf8");
    expect(index).not.toMatch(/\bany\b/);
    expect(index).toContain("secrets.api_key");
  });

  it("reads every record exactly once across pages, with the api key in the query", async () => {
    const source = connector.createSource({ baseUrl: server.url, secrets: { api_key: API_KEY } });
    const records = [];
    for await (const record of source.resources.resource_name.records()) records.push(record);
    expect(records).toEqual(exampleRecords(250));
  });

  it("pages with offset and limit 100 until the total, streaming one page at a time", async () => {
    server.requests.length = 0;
    const source = connector.createSource({ baseUrl: server.url, secrets: { api_key: API_KEY } });
    const pages = source.resources.resource_name.pages();
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect(server.requests).toHaveLength(1);
    const sizes = [first.value ? first.value.records.length : 0];
    for await (const page of pages) sizes.push(page.records.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(server.requests.map((url) => new URL(url, server.url).searchParams.toString())).toEqual([
      `offset=0&limit=100&api_key=${API_KEY}`,
      `offset=100&limit=100&api_key=${API_KEY}`,
      `offset=200&limit=100&api_key=${API_KEY}`,
    ]);
  });

  it("reads the secret from the environment when it is not passed", async () => {
    process.env["API_KEY"] = API_KEY;
    try {
      const source = connector.createSource({ baseUrl: server.url });
      let count = 0;
      for await (const _record of source.resources.resource_name.records()) count++;
      expect(count).toBe(250);
    } finally {
      delete process.env["API_KEY"];
    }
  });

  it("refuses to start without the secret, naming both ways to provide it", () => {
    delete process.env["API_KEY"];
    expect(() => connector.createSource({ baseUrl: server.url })).toThrow(connector.MissingSecretError);
    expect(() => connector.createSource({ baseUrl: server.url })).toThrow(
      /createSource\(\{ secrets: \{ "api_key": "\.\.\." \} \}\).*environment variable API_KEY/,
    );
  });

  it("fails with a typed error, key redacted, when the key is wrong", async () => {
    const source = connector.createSource({ baseUrl: server.url, secrets: { api_key: "wrong-canary" } });
    const error = await source.resources.resource_name.records().next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(connector.HttpStatusError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect(String((error as Error).message)).not.toContain("wrong-canary");
  });

  it("retries 3 times by default, and takes retry overrides from createSource", async () => {
    const failing = await startServer((_request, response) => sendJson(response, { error: "down" }, 503));
    try {
      const read = (retry: { maxRetries?: number; initialDelayMs: number }) =>
        connector
          .createSource({ baseUrl: failing.url, secrets: { api_key: API_KEY }, retry })
          .resources.resource_name.records()
          .next()
          .catch((caught: unknown) => caught);
      expect(await read({ initialDelayMs: 1 })).toMatchObject({ status: 503, attempts: 4 });
      expect(failing.requests).toHaveLength(4);
      expect(await read({ maxRetries: 1, initialDelayMs: 1 })).toMatchObject({ status: 503, attempts: 2 });
      expect(failing.requests).toHaveLength(6);
    } finally {
      await failing.close();
    }
  });

  it("applies transform filter then map to each record", async () => {
    const source = connector.createSource({
      baseUrl: server.url,
      secrets: { api_key: API_KEY },
      transform: { resource_name: { filter: (record) => record.customer_id === null, map: (record) => record.id } },
    });
    const ids: number[] = [];
    for await (const id of source.resources.resource_name.records()) ids.push(id);
    expect(ids).toEqual(exampleRecords(250).filter((record) => record.customer_id === null).map((record) => record.id));
  });
});
