// Streams a million records through the generated seed connector from a local server,
// and reports throughput and peak heap: memory must stay flat however many records pass.
import { createSource } from "../../generated/seed/index.js";
import { startSeedApi } from "./seed-api.js";

const TOTAL = Number(process.env["BENCH_RECORDS"] ?? 1_000_000);
const KEY = "bench-key";

const { url, server } = await startSeedApi(TOTAL);
const source = createSource({ baseUrl: url, secrets: { api_key: KEY } });
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
const started = performance.now();
let count = 0;
let expected = 0;
for await (const item of source.resources.resource_name.records()) {
  if (item.id !== expected++) throw new Error(`record ${item.id} out of order`);
  count++;
  if (count % 100_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
server.close();
console.log(`stream: ${count.toLocaleString("en")} records in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString("en")} records/s; peak heap ${(peakHeap / 2 ** 20).toFixed(1)} MiB (server in the same process)`);
