/**
 * The seed example's API with records the test can change between syncs: the same
 * `GET /v1/resource` (api key, offset pagination) over a live array.
 */
import { exampleRecords, type ExampleRecord } from "../../examples/seed/server.js";
import { sendJson, serveExample, type ServedExample } from "../../examples/example-server.js";

export const SEED_API_KEY = "seed-test-key";

export interface SeedApi extends ServedExample<string> {
  /** What the API serves; replace or edit it between syncs. */
  records: ExampleRecord[];
}

export async function startSeedApi(count: number): Promise<SeedApi> {
  const api = { records: exampleRecords(count) } as SeedApi;
  const served = await serveExample(
    (request, response) => {
      const url = new URL(request.url, "http://localhost");
      if (url.searchParams.get("api_key") !== SEED_API_KEY) return sendJson(response, 401, { error: "invalid api key" });
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      sendJson(response, 200, { data: api.records.slice(offset, offset + limit), total: api.records.length });
    },
    { log: (request) => request.url },
  );
  return Object.assign(api, served);
}
