// Reads the seed example API with a seed connector to the last record and prints what it got as
// one JSON line. Plain JavaScript, so the same file runs on Node, Bun and Deno, and imports a
// connector written as TypeScript (Node through tsx) or emitted as JavaScript (`--emit js`).
// Arguments: <connector's index file URL> <API base URL> <api key>.
const [connector, baseUrl, apiKey] = process.argv.slice(-3);
const { createSource } = await import(connector);
const source = createSource({ baseUrl, secrets: { api_key: apiKey }, retry: { maxRetries: 0 } });
const ids = [];
let pages = 0;
for await (const page of source.resources.resource_name.pages()) {
  pages++;
  for (const record of page.records) ids.push(record.id);
}
console.log(JSON.stringify({ pages, ids }));
