/**
 * `npm run bench`, pagination part: how much faster concurrent pages and look-ahead read
 * a latency-bound API than one request at a time, and what streaming costs in memory,
 * each next to a hand-written reference measured in the same run. Writes the numbers to
 * test/bench/results/pagination.json and the chart the README shows to pagination.svg.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createSource as cursorSource } from "../../generated/cursor/index.js";
import { createSource as seedSource } from "../../generated/seed/index.js";
import { barChart } from "./pagination-chart.js";
import { compareStreamMemory } from "./stream-memory-comparison.js";

const RESULTS = join(import.meta.dirname, "results");
const loadAtStart = Math.round(loadavg()[0]! * 10) / 10;
const LATENCY_MS = 20;
const PAGES = 100;
const LIMIT = 100;
const WORK_MS = 10;
const MEMORY_RECORDS = [100_000, Number(process.env["BENCH_MEMORY_RECORDS"] ?? 1_000_000)];

const seconds = (started: number) => (performance.now() - started) / 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// 1. A known total and 20 ms per page: the sequential loop, then the connector at 1, 2, 4, 8 pages at once.
const pagedApi = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "latency-api.ts"), String(PAGES * LIMIT), String(LATENCY_MS)], {
  stdio: ["ignore", "pipe", "inherit"],
});
const paged = { url: await firstLine(pagedApi) };
async function handWrittenLoop(): Promise<number> {
  let count = 0;
  for (let offset = 0, total = Infinity; offset < total; offset += LIMIT) {
    const response = await fetch(`${paged.url}/v1/resource?offset=${offset}&limit=${LIMIT}`);
    const body = JSON.parse(await response.text()) as { data: unknown[]; total: number };
    count += body.data.length;
    total = body.total;
  }
  return count;
}
async function timed(read: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const count = await read();
  if (count !== PAGES * LIMIT) throw new Error(`read ${count} records, expected ${PAGES * LIMIT}`);
  return seconds(started);
}
const loopSeconds = await timed(handWrittenLoop);
const concurrency = [];
for (const pageConcurrency of [1, 2, 4, 8]) {
  const source = seedSource({ baseUrl: paged.url, secrets: { api_key: "k" }, pageConcurrency });
  const wall = await timed(async () => {
    let count = 0;
    for await (const _record of source.resources.resource_name.records()) count++;
    return count;
  });
  concurrency.push({ pageConcurrency, seconds: wall, ratioToLoop: wall / loopSeconds });
  console.error(`  pageConcurrency ${pageConcurrency}: ${wall.toFixed(2)} s`);
}
pagedApi.kill();

// 2. A cursor API, 20 ms per page, and a consumer that works 10 (then 20) ms on each page.
// The server also notes how long after it answered page n the request for page n+1 came: with
// look-ahead that gap is all the time the connector adds per page (receive, parse, send the next).
let answeredAt: number | undefined;
let requestGaps: number[] = [];
const cursorApi = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const page = Number(url.searchParams.get("cursor") ?? 0);
  if (page > 0 && answeredAt !== undefined) requestGaps.push(performance.now() - answeredAt);
  const messages = Array.from({ length: 40 }, (_, index) => ({ ts: `${page}.${index}`, text: "hello", user: "U1" }));
  const more = page + 1 < PAGES;
  setTimeout(() => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ ok: true, messages, has_more: more, response_metadata: { next_cursor: more ? String(page + 1) : "" } }));
    answeredAt = performance.now();
  }, LATENCY_MS);
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
await new Promise<void>((resolve) => cursorApi.listen(0, "127.0.0.1", resolve));
const cursorUrl = `http://127.0.0.1:${(cursorApi.address() as AddressInfo).port}`;
const lookAhead = [];
for (const workMs of [WORK_MS, LATENCY_MS]) {
  const run = async (prefetch: number) => {
    const source = cursorSource({ baseUrl: cursorUrl, secrets: { chat_api_key: "k", workspace_token: "w" }, prefetch });
    const started = performance.now();
    let pages = 0;
    for await (const _page of source.resources.messages.pages()) {
      pages++;
      await pause(workMs);
    }
    if (pages !== PAGES) throw new Error(`read ${pages} pages, expected ${PAGES}`);
    return seconds(started);
  };
  const without = await run(0);
  requestGaps = [];
  const withLookAhead = await run(1);
  const gapMs = median(requestGaps);
  // Each cursor request needs the previous response, so requests cannot overlap each other, only the
  // consumer's work: at best a page costs max(latency, work) instead of latency + work.
  const bound = Math.max(LATENCY_MS, workMs) / (LATENCY_MS + workMs);
  lookAhead.push({ consumerMsPerPage: workMs, withoutSeconds: without, withSeconds: withLookAhead, ratio: withLookAhead / without, bestPossibleRatio: bound, medianRequestGapMs: gapMs });
  console.error(`  look-ahead, consumer ${workMs} ms/page: ${withLookAhead.toFixed(2)} s with, ${without.toFixed(2)} s without`);
}
cursorApi.close();

/** The first line a child process prints. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output.split("\n")[0]!.trim());
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the API process exited with ${code}`)));
  });
}

// 3. Peak RSS while streaming, as production runs a connector: JavaScript on plain node, next to a hand-written loop.
const memory = await compareStreamMemory(MEMORY_RECORDS, 3);

const results = {
  // Ratios are measured against the loop in the same run, but a busy machine starves the concurrent runs of CPU.
  machine: { node: process.version, cpus: (await import("node:os")).cpus().length, loadAverageAtStart: loadAtStart },
  knownTotal: { latencyMs: LATENCY_MS, pages: PAGES, recordsPerPage: LIMIT, loopSeconds, concurrency },
  lookAhead: { latencyMs: LATENCY_MS, pages: PAGES, runs: lookAhead },
  memory,
};
await mkdir(RESULTS, { recursive: true });
await writeFile(join(RESULTS, "pagination.json"), `${JSON.stringify(results, null, 2)}\n`);
const bars = [
  { label: "hand-written loop", seconds: loopSeconds, note: "" },
  ...concurrency.map((run) => ({ label: `pageConcurrency ${run.pageConcurrency}`, seconds: run.seconds, note: `(${run.ratioToLoop.toFixed(2)}x)` })),
];
await writeFile(join(RESULTS, "pagination.svg"), barChart(`${PAGES} pages, ${LATENCY_MS} ms each, total known: wall time against pageConcurrency`, bars));

const four = concurrency.find((run) => run.pageConcurrency === 4)!;
console.log(`Pagination, ${PAGES} pages at ${LATENCY_MS} ms each, load average ${loadAtStart} (results in test/bench/results/pagination.json):`);
console.log(`  hand-written sequential loop: ${loopSeconds.toFixed(2)} s`);
for (const run of concurrency) console.log(`  connector, pageConcurrency ${run.pageConcurrency}: ${run.seconds.toFixed(2)} s = ${run.ratioToLoop.toFixed(2)}x the loop`);
console.log(`  target pageConcurrency 4 <= 0.3x: ${four.ratioToLoop <= 0.3 ? "met" : "NOT met"}`);
for (const run of lookAhead) {
  console.log(
    `  cursor API, consumer ${run.consumerMsPerPage} ms/page: ${run.withSeconds.toFixed(2)} s with look-ahead, ${run.withoutSeconds.toFixed(2)} s without = ${run.ratio.toFixed(2)}x (best possible with a cursor: ${run.bestPossibleRatio.toFixed(2)}x; next request sent a median ${run.medianRequestGapMs.toFixed(1)} ms after the response)`,
  );
}
const slowConsumer = lookAhead.find((run) => run.consumerMsPerPage === WORK_MS)!;
console.log(
  `  target look-ahead <= 0.6x at ${WORK_MS} ms/page: ${slowConsumer.ratio <= 0.6 ? "met" : `NOT met; a cursor API allows ${slowConsumer.bestPossibleRatio.toFixed(2)}x at best, measured ${((slowConsumer.ratio / slowConsumer.bestPossibleRatio - 1) * 100).toFixed(1)}% above that`}`,
);
for (const run of memory.runs) {
  console.log(`  peak RSS, ${run.records.toLocaleString("en")} records, JavaScript on node: ${run.connectorPeakRssMiB} MiB connector, ${run.loopPeakRssMiB} MiB loop (+${run.aboveLoopMiB} MiB)`);
}
console.log(
  `  peak RSS growth ${memory.growth.fromRecords.toLocaleString("en")} -> ${memory.growth.toRecords.toLocaleString("en")} records: +${memory.growth.connectorMiB} MiB connector, +${memory.growth.loopMiB} MiB loop`,
);
