import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleServer, type ExampleServer } from "../../examples/seed/server.js";
import { runCommand } from "../support/run-command.js";
import { runtimeBinary } from "../support/runtimes.js";
import { expectSeedReadToTheEnd, SEED_API_KEY, SEED_RECORDS } from "./read-seed.js";

const REPO = join(import.meta.dirname, "..", "..");
const SEED = join(REPO, "generated", "seed", "index.ts");

// Node 20 runs TypeScript through tsx; Bun and Deno run it as it is. Deno needs `--sloppy-imports`
// because the connector imports `./runtime/x.js` for `x.ts` (`--import-extension ts` needs no flag),
// and read access because the script imports the connector it is given.
// Bun and Deno are installed on first use (test/support/runtimes.ts); a failed install fails their test.
const RUNTIMES: [string, () => string, string[]][] = [
  ["Node", () => process.execPath, ["--import", "tsx"]],
  ["Bun", () => runtimeBinary("bun"), ["run"]],
  ["Deno", () => runtimeBinary("deno"), ["run", "--quiet", "--sloppy-imports", "--allow-net=127.0.0.1", `--allow-read=${REPO}`]],
];

let server: ExampleServer;
beforeAll(async () => {
  server = await startExampleServer({ apiKey: SEED_API_KEY, records: SEED_RECORDS });
});
afterAll(() => server.close());

describe("the seed connector reads its API to the last record, exactly once, on each runtime", () => {
  it.each(RUNTIMES)("%s", (_name, command, args) => expectSeedReadToTheEnd(server, command(), args, SEED), 60_000);
});

// Sync takes SHAKE128 from node:crypto on every runtime it runs on: each must give dlt's digests.
describe("dlt's row-id hashes come out the same on each runtime", () => {
  it.each(RUNTIMES)("%s", async (_name, command, args) => {
    const hashModule = pathToFileURL(join(REPO, "templates", "runtime", "sync", "hash.ts")).href;
    const result = await runCommand(command(), [...args, join(import.meta.dirname, "row-ids.mjs"), hashModule]);
    expect(result.stderr).toBe("");
    const { randomIds, ...digests } = JSON.parse(result.stdout) as { randomIds: string[] };
    // Random ids come from node:crypto's randomBytes on every runtime: 14 base64 characters, no two alike.
    expect(randomIds).toEqual([expect.stringMatching(/^[A-Za-z0-9+/]{14}$/), expect.stringMatching(/^[A-Za-z0-9+/]{14}$/)]);
    expect(new Set(randomIds).size).toBe(2);
    expect(digests).toEqual({
      ids: ["z5jIxXIbUnmbKw", "I+e1ooEMDlPuqw", "MAJoWw897b0auQ"],
      tag: createHash("shake128", { outputLength: 4 }).update("é".repeat(300)).digest("base64").replace(/=+$/, ""),
    });
  }, 30_000);
});
