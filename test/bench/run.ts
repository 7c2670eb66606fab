/**
 * `npm run bench`: the CLI as users run it (compiled, one process per run), next to
 * openapi-typescript's own CLI measured in the same run: start-up, a config without an OpenAPI
 * document, the seed with its OpenAPI file, the 30-resource GitHub connector from GitHub's 13 MB
 * description, and how soon `--watch` rewrites the seed's output after its config changes.
 * Each runs BENCH_RUNS times (default 3); the median counts.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ensureGithubDescription } from "../support/github-description.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "generator", "bin", "gen-connector.js");
const OPENAPI_TS = join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
const GITHUB_CONFIG = join(ROOT, "test", "fixtures", "corpus", "github", "config.json");
const GITHUB_SPEC = ensureGithubDescription();
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);

const work = await mkdtemp(join(tmpdir(), "gen-connector-bench-"));
await cp(join(ROOT, "examples", "seed"), join(work, "seed"), { recursive: true });
const NO_SPEC = join(work, "no-spec.json");
await writeFile(NO_SPEC, JSON.stringify({ client: { base_url: "https://api.example.com" }, resources: ["customers", "orders", "invoices"] }));

const CPU_USAGE = join(import.meta.dirname, "cpu-usage.cjs");

/** Runs `node <args>` to completion and returns the CPU ms it used; fails loudly on a non-zero exit. */
function node(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", CPU_USAGE, ...args], { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      const cpu = Number(/__bench_cpu_ms=([\d.]+)/.exec(stderr)?.[1]);
      if (code === 0 && Number.isFinite(cpu)) resolve(cpu);
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr}`));
    });
  });
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall time and CPU time of `run` (a child process), in ms. */
async function measure(label: string, run: () => Promise<number>): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    cpus.push(await run());
    walls.push(performance.now() - started);
    console.error(`  ${label} ${index + 1}/${RUNS}: ${walls[index]!.toFixed(0)} ms wall, ${cpus[index]!.toFixed(0)} ms CPU`);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** `--watch` on the seed: ms from a config edit to the rewritten output, one process, RUNS edits. */
async function watchLatency(): Promise<number> {
  const config = join(work, "seed", "config.json");
  const output = join(work, "watched", "index.ts");
  const child = spawn(process.execPath, [BIN, config, "--out", join(work, "watched"), "--watch"], { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const until = async (check: () => Promise<boolean> | boolean) => {
    for (let waited = 0; !(await check()); waited += 2) {
      if (waited > 60_000) throw new Error(`--watch did not respond: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  try {
    await until(() => stderr.includes("watching"));
    const times: number[] = [];
    for (let edit = 0; edit < RUNS; edit++) {
      const limit = 90 - edit;
      const text = (await readFile(config, "utf8")).replace(/"limit": \d+/, `"limit": ${limit}`);
      const started = performance.now();
      await writeFile(config, text);
      await until(async () => (await readFile(output, "utf8").catch(() => "")).includes(`offsetPaginator({ limit: ${limit} })`));
      times.push(performance.now() - started);
      console.error(`  --watch seed edit ${edit + 1}/${RUNS}: ${times[edit]!.toFixed(0)} ms`);
    }
    return median(times);
  } finally {
    child.kill();
  }
}

const out = (name: string) => ["--out", join(work, name)];
const results = {
  version: await measure("gen-connector --version", () => node([BIN, "--version"])),
  help: await measure("gen-connector --help", () => node([BIN, "--help"])),
  theirVersion: await measure("openapi-typescript --version", () => node([OPENAPI_TS, "--version"])),
  noSpec: await measure("gen-connector, config without OpenAPI", () => node([BIN, NO_SPEC, ...out("no-spec")])),
  seed: await measure("gen-connector, seed + openapi.yaml", () => node([BIN, join(work, "seed", "config.json"), ...out("seed")])),
  theirSeed: await measure("openapi-typescript, seed openapi.yaml", () => node([OPENAPI_TS, join(work, "seed", "openapi.yaml"), "-o", join(work, "seed.d.ts")])),
  github: await measure("gen-connector, GitHub 30 resources", () => node([BIN, GITHUB_CONFIG, ...out("github")])),
  theirGithub: await measure("openapi-typescript, GitHub whole description", () => node([OPENAPI_TS, GITHUB_SPEC, "-o", join(work, "github.d.ts")])),
  watch: await watchLatency(),
};
await rm(work, { recursive: true, force: true });

const ms = (value: number) => `${value.toFixed(0)} ms`;
const both = (timing: Timing) => `${ms(timing.wall)} (${ms(timing.cpu)} CPU)`;
const ratio = (ours: Timing, theirs: Timing) => `${(ours.wall / theirs.wall).toFixed(2)}× (${(ours.cpu / theirs.cpu).toFixed(2)}× CPU)`;
const verdict = (wall: number, cpu: number, limit: number) => (wall <= limit ? "met" : cpu <= limit ? "met in CPU time only" : "MISSED");
const within = (ours: Timing, limit: number) => verdict(ours.wall, ours.cpu, limit);
const rows: [string, string, string, string, string][] = [
  ["`--version`", both(results.version), both(results.theirVersion), ratio(results.version, results.theirVersion), `< 150 ms: ${within(results.version, 150)}`],
  ["`--help`", both(results.help), both(results.theirVersion), ratio(results.help, results.theirVersion), `< 150 ms: ${within(results.help, 150)}`],
  ["config without OpenAPI (3 resources)", both(results.noSpec), both(results.theirSeed), ratio(results.noSpec, results.theirSeed), `< 500 ms: ${within(results.noSpec, 500)}`],
  ["seed config + its openapi.yaml", both(results.seed), both(results.theirSeed), ratio(results.seed, results.theirSeed), `< 1500 ms: ${within(results.seed, 1500)}`],
  [
    "GitHub, 30 resources (13 MB description)",
    both(results.github),
    both(results.theirGithub),
    ratio(results.github, results.theirGithub),
    `≤ 0.7×: ${verdict(results.github.wall / results.theirGithub.wall, results.github.cpu / results.theirGithub.cpu, 0.7)}`,
  ],
  ["`--watch`: seed config edit → output rewritten", ms(results.watch), "", "", `< 200 ms: ${results.watch <= 200 ? "met" : "MISSED"}`],
];
const load = loadavg()[0]!.toFixed(1);
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}, load average ${load} at the end; median of ${RUNS} runs, each a new process`);
console.log("openapi-typescript column: its CLI on the same machine in the same run (`--version`; the seed's openapi.yaml; GitHub's whole description)");
console.log("Wall time, and in brackets the CPU time the process used: on a busy machine wall time grows with the load, CPU time much less\n");
console.log("| | gen-connector | openapi-typescript CLI | ratio | target |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
