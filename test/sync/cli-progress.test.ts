import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCommand } from "../support/run-command.js";
import { SEED_API_KEY, startSeedApi, type SeedApi } from "../support/seed-api.js";
import { tempDir } from "../support/temp-dir.js";

/**
 * `gen-connector sync` as a real process: on a terminal (a pseudo-terminal from `script`) it
 * redraws a live line per resource, then prints the summary table; piped, it prints only the
 * summary; `--json` prints JSON, with no live line even on a terminal.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const RECORDS = 500; // 5 pages of the seed's 100
const ESC = "\u001b";
let api: SeedApi;
let dir: { path: string; cleanup: () => Promise<void> };
let configPath: string;

beforeAll(async () => {
  api = await startSeedApi(RECORDS);
  dir = await tempDir("cli-progress");
  const config = JSON.parse(await readFile("examples/seed/config.json", "utf8")) as Record<string, unknown>;
  // Without its OpenAPI document the connector generates faster; its tables come from the data.
  delete config["$schema"];
  delete config["openapi"];
  (config["client"] as Record<string, unknown>)["base_url"] = api.url;
  configPath = join(dir.path, "config.json");
  await writeFile(configPath, JSON.stringify(config));
});

afterAll(async () => {
  await api.close();
  await dir.cleanup();
});

/** The CLI's arguments for a sync into a DuckDB file of its own. */
const syncArgs = (file: string, ...extra: string[]) => ["--import", "tsx", join(ROOT, "test", "support", "run-cli.ts"), "sync", configPath, "--to", `duckdb:${join(dir.path, file)}`, ...extra];
const env = { API_KEY: SEED_API_KEY };

/** Runs the sync under a pseudo-terminal: `script` gives the child a TTY and copies what it writes (stdout and stderr) to its own stdout. */
function onTerminal(args: string[]) {
  const command = [process.execPath, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(" ");
  return runCommand("/usr/bin/script", ["-qec", command, "/dev/null"], { cwd: ROOT, env });
}

/** The summary table's row for the seed resource: every record, every page, both tables. */
const SUMMARY_ROW = new RegExp(`resource_name\\s+merge \\(delete-insert\\)\\s+${RECORDS}\\s+5\\s+resource_name, resource_name__tags\\s+\\d+\\.\\d`);

it("on a terminal: a live line per resource, redrawn in place after each page, then the summary table", async () => {
  const { code, stdout } = await onTerminal(syncArgs("tty.duckdb"));
  const output = stdout.replace(/\r\n/g, "\n");
  expect(code, output).toBe(0);
  // Each page redraws the line: erase it, write records, pages and the rate; from the second on, move up over it first.
  const draws = [...output.matchAll(new RegExp(`(${ESC}\\[1F)?${ESC}\\[2Kresource_name: (\\d+) records, (\\d+) pages, (\\d+) records/s\\n`, "g"))];
  expect(draws.map((draw) => [draw[1] !== undefined, Number(draw[2]), Number(draw[3])])).toEqual([
    [false, 100, 1],
    [true, 200, 2],
    [true, 300, 3],
    [true, 400, 4],
    [true, 500, 5],
  ]);
  // The summary comes after the last live line.
  const summary = output.slice(draws.at(-1)!.index + draws.at(-1)![0].length);
  expect(summary).toMatch(SUMMARY_ROW);
  expect(summary).toMatch(/^resource\s+disposition\s+rows\s+pages\s+tables\s+seconds\n/);
  expect(summary).toContain(`Loaded into duckdb:${join(dir.path, "tty.duckdb")}, dataset seed_dataset`);
  expect(summary).not.toContain(ESC);
}, 120_000);

it("piped: no control sequences and no live line, only the summary table; --json on a terminal: only JSON", async () => {
  const [piped, json] = await Promise.all([runCommand(process.execPath, syncArgs("piped.duckdb"), { cwd: ROOT, env }), onTerminal(syncArgs("json.duckdb", "--json"))]);
  expect(piped.code, piped.stderr).toBe(0);
  expect(piped.stderr).toBe("");
  expect(piped.stdout).not.toContain(ESC);
  expect(piped.stdout).not.toContain("records/s");
  expect(piped.stdout).toMatch(SUMMARY_ROW);

  const output = json.stdout.replace(/\r\n/g, "\n");
  expect(json.code, output).toBe(0);
  expect(output).not.toContain(ESC);
  const summary = JSON.parse(output) as { dataset: string; resources: { resource: string; rows: number; pages: number }[] };
  expect(summary.dataset).toBe("seed_dataset");
  expect(summary.resources).toMatchObject([{ resource: "resource_name", rows: RECORDS, pages: 5 }]);
}, 120_000);

it("the built CLI (generating in a worker thread): the same sync, and a config error still located, exit 2", async () => {
  const cli = join(ROOT, "generator", "bin", "gen-connector.js");
  const synced = await runCommand(process.execPath, [cli, "sync", configPath, "--to", `duckdb:${join(dir.path, "built.duckdb")}`, "--json"], { cwd: ROOT, env });
  expect(synced.code, synced.stderr).toBe(0);
  const summary = JSON.parse(synced.stdout) as { resources: { resource: string; rows: number; pages: number }[] };
  expect(summary.resources).toMatchObject([{ resource: "resource_name", rows: RECORDS, pages: 5 }]);

  const config = JSON.parse(await readFile(configPath, "utf8")) as { resources: { endpoint: { paginator?: unknown } }[] };
  config.resources[0]!.endpoint.paginator = { type: "offset", limit: -5 };
  const badPath = join(dir.path, "bad.json");
  await writeFile(badPath, JSON.stringify(config));
  const bad = await runCommand(process.execPath, [cli, "sync", badPath, "--to", `duckdb:${join(dir.path, "bad.duckdb")}`], { cwd: ROOT, env });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/resources\[0\]\.endpoint\.paginator\.limit: /);
  expect(bad.stderr).not.toContain("internal error");
}, 120_000);
