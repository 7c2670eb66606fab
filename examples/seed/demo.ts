// `npm run demo`: starts the example API, reads it with the generated seed connector, prints what came back,
// then syncs it into seed.duckdb (in the working directory) and prints the table's rows.
import { createSource, duckdbDestination } from "../../generated/seed/index.js";
import { startExampleServer } from "./server.js";

const apiKey = "demo-key";
const server = await startExampleServer({ apiKey, records: 250 });
try {
  const source = createSource({ baseUrl: server.url, secrets: { api_key: apiKey } });
  const resource = source.resources.resource_name;
  console.log(`Reading ${resource.name} (primary key ${resource.primaryKey}, write disposition ${resource.writeDisposition}) from ${server.url}`);
  let records = 0;
  for await (const page of resource.pages()) {
    records += page.records.length;
    const first = page.records[0];
    console.log(`page ${page.number}: ${page.records.length} records; first: ${JSON.stringify(first)}`);
  }
  let withoutCustomer = 0;
  for await (const record of resource.records()) if (record.customer_id === null) withoutCustomer++;
  console.log(`${records} records in all, ${withoutCustomer} without a customer.`);

  const destination = duckdbDestination({ path: "seed.duckdb" });
  const summary = await source.sync(destination);
  const loaded = summary.resources[0]!;
  console.log(`\nSynced ${loaded.rows} records into ${summary.destination}, dataset ${summary.dataset}: tables ${loaded.tables.join(", ")} (${loaded.durationMs} ms).`);
  const connection = await destination.connect();
  try {
    const rows = await connection.query(`SELECT * FROM seed_dataset.resource_name ORDER BY id`);
    console.log(`seed_dataset.resource_name has ${rows.length} rows; the first five:`);
    console.table(rows.slice(0, 5));
  } finally {
    await connection.close();
  }
} finally {
  await server.close();
}
