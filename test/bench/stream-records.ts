// Streams a million records through the generated seed connector from a local server,
// and reports throughput and peak heap: memory must stay flat however many records pass.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSource } from "../../generated/seed/index.js";

const TOTAL = Number(process.env["BENCH_RECORDS"] ?? 1_000_000);
const LIMIT = Number(process.env["BENCH_LIMIT"] ?? 100);
const KEY = "bench-key";

function record(id: number) {
  return { id, customer_id: id % 5 === 0 ? null : `cus_${id % 997}`, user_key: `user_${id % 7}`, created_at: "2026-01-01T00:00:00.000Z", tags: ["a", "b"] };
}

/** Pages are built on request, so the server holds no records either. */
const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? LIMIT);
  const data = [];
  for (let id = offset; id < Math.min(offset + limit, TOTAL); id++) data.push(record(id));
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ data, total: TOTAL }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const source = createSource({ baseUrl: `http://127.0.0.1:${port}`, secrets: { api_key: KEY } });
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
