import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { duckdbDestination } from "../../templates/runtime/destinations/duckdb.js";
import { main } from "../../generator/cli.js";
import { queryThrough } from "../support/destinations.js";
import { SEED_API_KEY, startSeedApi, type SeedApi } from "../support/seed-api.js";
import { tempDir } from "../support/temp-dir.js";

/** `gen-connector sync` generates the connector in memory, loads it, and reports what it loaded. */
let api: SeedApi;
let dir: { path: string; cleanup: () => Promise<void> };
let configPath: string;

beforeAll(async () => {
  api = await startSeedApi(120);
  dir = await tempDir("cli-sync");
  await copyFile("examples/seed/openapi.yaml", join(dir.path, "openapi.yaml"));
  const config = JSON.parse(await (await import("node:fs/promises")).readFile("examples/seed/config.json", "utf8")) as Record<string, unknown>;
  delete config["$schema"];
  (config["client"] as Record<string, unknown>)["base_url"] = api.url;
  configPath = join(dir.path, "config.json");
  await writeFile(configPath, JSON.stringify(config));
  process.env["API_KEY"] = SEED_API_KEY;
});

afterAll(async () => {
  delete process.env["API_KEY"];
  await api.close();
  await dir.cleanup();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (...text: unknown[]) => out.push(text.join(" ")), err: (...text: unknown[]) => err.push(text.join(" ")) }, out, err };
}

it("syncs the config's resources into a DuckDB file and prints the summary as JSON", async () => {
  const file = join(dir.path, "seed.duckdb");
  const { io, out, err } = capture();
  expect(await main(["sync", configPath, "--to", `duckdb:${file}`, "--json"], io)).toBe(0);
  expect(err).toEqual([]);
  const summary = JSON.parse(out.join("\n")) as { dataset: string; resources: { resource: string; rows: number; pages: number; tables: string[] }[] };
  expect(summary.dataset).toBe("seed_dataset");
  expect(summary.resources).toMatchObject([{ resource: "resource_name", rows: 120, pages: 2, tables: ["resource_name", "resource_name__tags"] }]);
  const rows = await queryThrough(duckdbDestination({ path: file }))(`SELECT COUNT(*) AS n FROM seed_dataset.resource_name`);
  expect(rows).toEqual([{ n: 120 }]);

  // The table summary names every resource, and a second run with --full-refresh rebuilds the dataset.
  const table = capture();
  expect(await main(["sync", configPath, "--to", `duckdb:${file}`, "--full-refresh", "--dataset", "seed_dataset"], table.io)).toBe(0);
  expect(table.out.join("\n")).toMatch(/resource_name\s+merge \(delete-insert\)\s+120\s+2\s+resource_name, resource_name__tags/);
}, 120_000);

it("reports bad input with exit code 2 and a failed sync with exit code 1", async () => {
  const badTarget = capture();
  expect(await main(["sync", configPath, "--to", "mysql://x"], badTarget.io)).toBe(2);
  expect(badTarget.err.join("\n")).toContain("--to: expected duckdb:<file> or a postgresql:// URL");
  const unknown = capture();
  expect(await main(["sync", configPath, "--to", `duckdb:${join(dir.path, "other.duckdb")}`, "--resources", "nope"], unknown.io)).toBe(1);
  expect(unknown.err.join("\n")).toContain('unknown resource(s) "nope"');
}, 120_000);

it("takes run-time values as --config name=value, the environment filling the rest", async () => {
  const { start, TENANT } = await import("../../examples/run-time-values/server.js");
  const server = await start();
  process.env["X_TENANT_ID"] = TENANT;
  try {
    const file = join(dir.path, "run-time-values.duckdb");
    const config = "examples/run-time-values/config.json";
    const args = ["sync", config, "--to", `duckdb:${file}`, "--json", "--config", `base_url=${server.url}`, "--config", "owner=octocat"];
    // `repo` has no default and is given nowhere: one error names it, and nothing is loaded.
    const missing = capture();
    expect(await main(args, missing.io)).toBe(1);
    expect(missing.err.join("\n")).toContain("repo");
    const { io, out, err } = capture();
    expect(await main([...args, "--config", "repo=hello"], io)).toBe(0);
    expect(err).toEqual([]);
    const summary = JSON.parse(out.join("\n")) as { resources: { resource: string; rows: number }[] };
    // Open issues of octocat/hello (4 is closed), and those labelled with the default label.
    expect(summary.resources.map(({ resource, rows }) => [resource, rows])).toEqual([
      ["issues", 4],
      ["labelled_issues", 2],
    ]);
    const bad = capture();
    expect(await main([...args, "--config", "no-equals-sign"], bad.io)).toBe(2);
    expect(bad.err.join("\n")).toContain("--config[2]");
  } finally {
    delete process.env["X_TENANT_ID"];
    await server.close();
  }
}, 120_000);
