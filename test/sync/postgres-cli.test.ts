import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { postgresDestination } from "../../templates/runtime/destinations/postgres.js";
import { queryThrough } from "../support/destinations.js";
import { postgresServer, type PostgresServer } from "../support/postgres-server.js";
import { SEED_API_KEY, startSeedApi, type SeedApi } from "../support/seed-api.js";
import { tempDir } from "../support/temp-dir.js";

/** `gen-connector sync --to postgresql://…`: the password is used, and never in what the CLI prints (PGPASSWORD: postgres-destination.test.ts). */
let api: SeedApi;
let dir: { path: string; cleanup: () => Promise<void> };
let configPath: string;
let server: PostgresServer;
let url: string;
let urlWithoutPassword: string;
const database = `cli_${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  server = await postgresServer();
  await queryThrough(postgresDestination({ url: server.url }))(`CREATE DATABASE "${database}"`);
  url = server.url.replace(/\/postgres$/, `/${database}`);
  urlWithoutPassword = server.urlWithoutPassword.replace(/\/postgres$/, `/${database}`);
  api = await startSeedApi(120);
  dir = await tempDir("postgres-cli");
  await copyFile("examples/seed/openapi.yaml", join(dir.path, "openapi.yaml"));
  const config = JSON.parse(await readFile("examples/seed/config.json", "utf8")) as Record<string, unknown>;
  delete config["$schema"];
  (config["client"] as Record<string, unknown>)["base_url"] = api.url;
  configPath = join(dir.path, "config.json");
  await writeFile(configPath, JSON.stringify(config));
  process.env["API_KEY"] = SEED_API_KEY;
}, 120_000);

afterAll(async () => {
  delete process.env["API_KEY"];
  await api?.close();
  await dir?.cleanup();
  await queryThrough(postgresDestination({ url: server.url }))(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (...text: unknown[]) => out.push(text.join(" ")), err: (...text: unknown[]) => err.push(text.join(" ")) }, out, err };
}

it("syncs with the password from the URL and never prints it", async () => {
  const json = capture();
  expect(await main(["sync", configPath, "--to", url, "--json"], json.io)).toBe(0);
  const summary = JSON.parse(json.out.join("\n")) as { destination: string; dataset: string; resources: { resource: string; rows: number }[] };
  expect(summary.destination).toBe(urlWithoutPassword);
  expect(summary.resources).toMatchObject([{ resource: "resource_name", rows: 120 }]);
  expect([...json.out, ...json.err].join("\n")).not.toContain(server.password);

  const db = queryThrough(postgresDestination({ url }));
  expect(await db(`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM seed_dataset.resource_name`)).toEqual([{ n: 120, d: 120 }]);
  expect(await db(`SELECT COUNT(*) AS n FROM seed_dataset._dlt_loads`)).toEqual([{ n: 1 }]);
}, 120_000);

it("fails with exit code 1 and a message that names the database but not the wrong password", async () => {
  const wrong = capture();
  expect(await main(["sync", configPath, "--to", url.replace(server.password, "wrong-pass-4711")], wrong.io)).toBe(1);
  const printed = [...wrong.out, ...wrong.err].join("\n");
  expect(printed).toContain(`could not connect to ${urlWithoutPassword}: password authentication failed for user "postgres"`);
  expect(printed).not.toContain("wrong-pass-4711");
}, 120_000);
