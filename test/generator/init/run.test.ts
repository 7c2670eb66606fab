import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeConnector } from "../../../generator/index.js";
import { initConfig } from "../../../generator/init/init.js";
import { sendJson, startServer, type TestServer } from "../../support/http-server.js";
import { tempDir } from "../../support/temp-dir.js";

/**
 * init's config for the Giphy spec, generated without edits, run against a local
 * server shaped like that spec: `GET /gifs/trending?api_key&offset&limit`
 * answering `{ data, pagination: { total_count, count, offset }, meta }`.
 */
const SPEC = join(import.meta.dirname, "..", "..", "fixtures", "corpus", "giphy", "openapi.json");
const KEY = "giphy-canary-key";
const TOTAL = 60;

const gifs = Array.from({ length: TOTAL }, (_, index) => ({ id: `g${index}`, type: "gif", title: `Gif ${index}`, rating: "g", url: `https://giphy.example/${index}` }));

interface Connector {
  createSource(options: { baseUrl: string; secrets: Record<string, string> }): {
    resources: Record<string, { records(): AsyncGenerator<{ id?: string }>; pages(): AsyncGenerator<{ records: unknown[] }> }>;
  };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let server: TestServer;
let connector: Connector;

beforeAll(async () => {
  dir = await tempDir("init-run");
  const { config } = await initConfig(SPEC, { configDir: dir.path });
  await writeConnector(await generate({ config, configPath: join(dir.path, "config.json"), outDir: dir.path }));
  connector = (await import(pathToFileURL(join(dir.path, "index.ts")).href)) as Connector;
  server = await startServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname !== "/v1/gifs/trending") return sendJson(response, { meta: { status: 404 } }, 404);
    if (url.searchParams.get("api_key") !== KEY) return sendJson(response, { meta: { status: 401 } }, 401);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 25);
    const data = gifs.slice(offset, offset + limit);
    sendJson(response, { data, pagination: { total_count: TOTAL, count: data.length, offset }, meta: { status: 200, msg: "OK" } });
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await dir?.cleanup();
});

describe("an init config run against a server shaped like its spec", () => {
  it("reads every record once, paging by offset and limit until the total", async () => {
    const source = connector.createSource({ baseUrl: `${server.url}/v1`, secrets: { giphy_api_key: KEY } });
    const ids: (string | undefined)[] = [];
    for await (const record of source.resources["gifs_trending"]!.records()) ids.push(record.id);
    expect(ids).toEqual(gifs.map((gif) => gif.id));
    expect(server.requests.map((request) => new URL(request.url, server.url).searchParams.get("offset"))).toEqual(["0", "25", "50"]);
    expect(server.requests.every((request) => request.query.get("limit") === "25")).toBe(true);
  });
});
