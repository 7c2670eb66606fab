/**
 * One side of the memory comparison in `npm run bench`, run in a process of its own so
 * that its peak RSS is its own: reads `<records>` records from the local seed API at
 * `<url>`, either with a hand-written fetch + JSON.parse loop (`loop`) or through the
 * generated seed connector (`connector`), and prints `{ records, peakRss, seconds }` as JSON.
 * peakRss is the largest resident set size sampled every 10 ms: the whole process (Node, tsx,
 * the code loaded, the heap V8 keeps in reserve), not only what the records take.
 * BENCH_TRACE=1 prints the peak so far every 100,000 records.
 */
const [mode, url, recordsText] = process.argv.slice(2);
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
  if (process.env["BENCH_TRACE"] && count % 100_000 === 0) console.error(`${mode} ${count}: peak RSS ${(peakRss / 2 ** 20).toFixed(1)} MiB`);
};

if (mode === "loop") {
  for (let offset = 0; offset < records; offset += LIMIT) {
    const response = await fetch(`${url}/v1/resource?offset=${offset}&limit=${LIMIT}&api_key=k`);
    const body = JSON.parse(await response.text()) as { data: { id: number }[] };
    for (const record of body.data) if (record.id === count) count++;
    checkpoint();
  }
} else {
  // Imported here, so that the loop's process does not load the connector at all.
  const { createSource } = await import("../../generated/seed/index.js");
  const source = createSource({ baseUrl: url!, secrets: { api_key: "k" } });
  for await (const record of source.resources.resource_name.records()) {
    if (record.id === count) count++;
    checkpoint();
  }
}
sample();
clearInterval(sampler);
if (count !== records) throw new Error(`${mode}: read ${count} of ${records} records in order`);
console.log(JSON.stringify({ records: count, peakRss, seconds: (performance.now() - started) / 1000 }));
