// `npm run demo`: starts the example API, reads it with the generated seed connector, prints what came back.
import { createSource } from "../../generated/seed/index.js";
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
} finally {
  await server.close();
}
