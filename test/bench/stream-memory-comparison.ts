/**
 * Peak RSS while streaming, the connector next to a hand-written fetch + JSON.parse loop, measured
 * as production runs a connector: the seed connector emitted as JavaScript (`--emit js`), and both
 * sides run by plain Node from the same script (`node stream-memory.mjs`), each in a process of its
 * own, against one local API. The loop loads nothing but fetch; the connector process also loads
 * the connector and ofetch. A peak includes the heap V8 keeps in reserve, which grows with the
 * length of a run, so the comparison gives each side's growth from the first record count to the
 * last as well as the difference at each.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { generateFromFile, writeConnector } from "../../generator/index.js";
import { tempDir } from "../support/temp-dir.js";
import { startSeedApi } from "./seed-api.js";

const SEED_CONFIG = join(import.meta.dirname, "..", "..", "examples", "seed", "config.json");
const STREAM = join(import.meta.dirname, "stream-memory.mjs");
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function peakRss(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STREAM, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve((JSON.parse(output) as { peakRss: number }).peakRss) : reject(new Error(`${args[0]} exited with ${code}`))));
  });
}

/**
 * Each side `rounds` times per record count, in turns; the lowest peak of each side counts: GC
 * timing on a busy machine moves a peak by several MiB. `connector` overrides the emitted seed
 * connector's index.js (to compare a variant).
 */
export async function compareStreamMemory(recordCounts: readonly number[], rounds: number, connector?: string) {
  const dir = await tempDir("bench-memory");
  try {
    const index = connector ?? join(dir.path, "seed", "index.js");
    if (connector === undefined) await writeConnector(await generateFromFile(SEED_CONFIG, { outDir: join(dir.path, "seed"), emit: "js" }));
    const runs = [];
    const lowest: { records: number; loop: number; connector: number }[] = [];
    for (const records of recordCounts) {
      const api = await startSeedApi(records);
      const peaks = { loop: [] as number[], connector: [] as number[] };
      try {
        for (let round = 0; round < rounds; round++) {
          peaks.loop.push(await peakRss(["loop", api.url, String(records)]));
          peaks.connector.push(await peakRss(["connector", api.url, String(records), index]));
        }
      } finally {
        api.server.close();
      }
      const loop = Math.min(...peaks.loop);
      const source = Math.min(...peaks.connector);
      lowest.push({ records, loop, connector: source });
      runs.push({ records, loopPeakRssMiB: mib(loop), connectorPeakRssMiB: mib(source), aboveLoopMiB: mib(source - loop) });
      console.error(`  ${records.toLocaleString("en")} records: peak RSS ${mib(loop)} MiB loop, ${mib(source)} MiB connector`);
    }
    const first = lowest[0]!;
    const last = lowest[lowest.length - 1]!;
    return {
      howMeasured: `seed connector emitted as JavaScript, loop and connector each run by plain node (stream-memory.mjs) in a process of its own; lowest peak RSS of ${rounds} runs`,
      runs,
      growth: {
        fromRecords: first.records,
        toRecords: last.records,
        loopMiB: mib(last.loop - first.loop),
        connectorMiB: mib(last.connector - first.connector),
      },
    };
  } finally {
    await dir.cleanup();
  }
}

// `tsx test/bench/stream-memory-comparison.ts [<connector index.js>]`: this part of the bench alone, printed as JSON.
if (process.argv[1] === import.meta.filename) {
  const records = [100_000, Number(process.env["BENCH_MEMORY_RECORDS"] ?? 1_000_000)];
  console.log(JSON.stringify(await compareStreamMemory(records, Number(process.env["BENCH_MEMORY_ROUNDS"] ?? 3), process.argv[2]), null, 2));
}
