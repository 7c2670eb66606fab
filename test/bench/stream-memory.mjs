/**
 * One side of the memory comparison in `npm run bench`, run by plain Node in a process of its
 * own, as production runs a connector: `node stream-memory.mjs <mode> <url> <records> [<connector>]`
 * reads `<records>` records from the local seed API at `<url>`, either with a hand-written
 * fetch + JSON.parse loop (`loop`) or through the seed connector emitted as JavaScript
 * (`--emit js`) whose index.js is `<connector>` (`connector`), and prints
 * `{ records, peakRss, seconds }` as JSON. Plain JavaScript, so that both sides load only what
 * they run: no compiler, no source maps. peakRss is the largest resident set size sampled every
 * 10 ms: the whole process (Node, the code loaded, the heap V8 keeps in reserve), not only what
 * the records take. BENCH_TRACE=1 prints the peak so far every 100,000 records.
 */
import { pathToFileURL } from "node:url";

const [mode, url, recordsText, connector] = process.argv.slice(2);
const records = Number(recordsText);
const LIMIT = 100;

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const sampler = setInterval(sample, 10);
const started = performance.now();
let count = 0;
const checkpoint = () => {
  if (process.env.BENCH_TRACE && count % 100_000 === 0) console.error(`${mode} ${count}: peak RSS ${(peakRss / 2 ** 20).toFixed(1)} MiB`);
};

if (mode === "loop") {
  for (let offset = 0; offset < records; offset += LIMIT) {
    const response = await fetch(`${url}/v1/resource?offset=${offset}&limit=${LIMIT}&api_key=k`);
    const body = JSON.parse(await response.text());
    for (const record of body.data) if (record.id === count) count++;
    checkpoint();
  }
} else {
  // Imported here, so that the loop's process does not load the connector at all.
  const { createSource } = await import(pathToFileURL(connector).href);
  const source = createSource({ baseUrl: url, secrets: { api_key: "k" } });
  for await (const record of source.resources.resource_name.records()) {
    if (record.id === count) count++;
    checkpoint();
  }
}
sample();
clearInterval(sampler);
if (count !== records) throw new Error(`${mode}: read ${count} of ${records} records in order`);
console.log(JSON.stringify({ records: count, peakRss, seconds: (performance.now() - started) / 1000 }));
