/**
 * `npm run bench`: how long generating the 30-resource GitHub connector takes,
 * next to openapi-typescript alone turning the same description into types.
 * Both read the 13 MB file themselves; each runs a few times, and the median counts.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { generate } from "../../generator/index.js";
import { ensureGithubDescription } from "../support/github-description.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CONFIG = join(ROOT, "test", "fixtures", "corpus", "github", "config.json");
const SPEC = ensureGithubDescription();
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);

async function median(label: string, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
    console.error(`  ${label} run ${index + 1}/${RUNS}: ${(times[index]! / 1000).toFixed(2)} s`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const config: unknown = JSON.parse(await readFile(CONFIG, "utf8"));
let resources = 0;
const ours = await median("gen-connector", async () => {
  const result = await generate({ config, configPath: CONFIG, outDir: join(ROOT, "test", ".tmp", "bench-github") });
  resources = (config as { resources: unknown[] }).resources.length;
  return result;
});
let bytes = 0;
const theirs = await median("openapi-typescript", async () => {
  bytes = astToString(await openapiTS(pathToFileURL(SPEC), { silent: true })).length;
});

console.log(`GitHub REST description (${SPEC.slice(ROOT.length + 1)}), median of ${RUNS} runs:`);
console.log(`  gen-connector, ${resources}-resource connector (load, validate, types, emit, format): ${(ours / 1000).toFixed(2)} s`);
console.log(`  openapi-typescript alone, whole spec (openapiTS + astToString, ${(bytes / 1e6).toFixed(1)} MB of types): ${(theirs / 1000).toFixed(2)} s`);
