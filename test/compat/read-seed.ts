import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import type { ExampleServer } from "../../examples/seed/server.js";
import { runCommand } from "../support/run-command.js";

/** The plain JavaScript script every runtime runs: reads a seed connector to its last record. */
export const READ_SEED = join(import.meta.dirname, "read-seed.mjs");
export const SEED_RECORDS = 250;
export const SEED_API_KEY = "compat-key";

/**
 * Runs `command args… read-seed.mjs <connector> <server> <key>` and checks that the connector read
 * every record of the seed example server once, in order, in three pages, and nothing more.
 */
export async function expectSeedReadToTheEnd(server: ExampleServer, command: string, args: readonly string[], connectorIndex: string): Promise<void> {
  server.requests.length = 0;
  const result = await runCommand(command, [...args, READ_SEED, pathToFileURL(connectorIndex).href, server.url, SEED_API_KEY]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const { pages, ids } = JSON.parse(result.stdout) as { pages: number; ids: number[] };
  expect(ids).toEqual(Array.from({ length: SEED_RECORDS }, (_, id) => id));
  expect(pages).toBe(3);
  expect(server.requests).toEqual([0, 100, 200].map((offset) => `/v1/resource?offset=${offset}&limit=100&api_key=${SEED_API_KEY}`));
}
