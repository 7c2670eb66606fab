import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleServer, type ExampleServer } from "../../examples/seed/server.js";
import { BUN, DENO, runCommand } from "../support/run-command.js";

const SCRIPT = join(import.meta.dirname, "read-seed.ts");
const RECORDS = 250;
const API_KEY = "runtime-matrix-key";

// The same script on each runtime: Node 20 runs TypeScript through tsx; Bun and Deno run it as it is.
// Deno needs `--sloppy-imports` because the connector imports `./runtime/x.js` for `x.ts` (see `--import-extension ts`).
const RUNTIMES: [string, string, string[]][] = [
  ["Node", process.execPath, ["--import", "tsx", SCRIPT]],
  ["Bun", BUN, ["run", SCRIPT]],
  ["Deno", DENO, ["run", "--quiet", "--sloppy-imports", "--allow-net=127.0.0.1", SCRIPT]],
];

let server: ExampleServer;
beforeAll(async () => {
  server = await startExampleServer({ apiKey: API_KEY, records: RECORDS });
});
afterAll(() => server.close());

describe("the seed connector reads its API to the last record, exactly once, on each runtime", () => {
  it.each(RUNTIMES)("%s", async (_name, command, args) => {
    server.requests.length = 0;
    const result = await runCommand(command, [...args, server.url, API_KEY]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { pages, ids } = JSON.parse(result.stdout) as { pages: number; ids: number[] };
    expect(ids).toEqual(Array.from({ length: RECORDS }, (_, id) => id));
    expect(pages).toBe(3);
    expect(server.requests).toEqual([0, 100, 200].map((offset) => `/v1/resource?offset=${offset}&limit=100&api_key=${API_KEY}`));
  }, 60_000);
});
