// Reads the seed example API with the committed seed connector to the last record and prints
// what it got as one JSON line. Runs as written on Node (through tsx), Bun and Deno: only
// `process.argv`, which all three provide, and the connector itself.
import { createSource } from "../../generated/seed/index.js";

const [baseUrl, apiKey] = process.argv.slice(-2) as [string, string];
const source = createSource({ baseUrl, secrets: { api_key: apiKey }, retry: { maxRetries: 0 } });
const ids: number[] = [];
let pages = 0;
for await (const page of source.resources.resource_name.pages()) {
  pages++;
  for (const record of page.records) ids.push(record.id);
}
console.log(JSON.stringify({ pages, ids }));
