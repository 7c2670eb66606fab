import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A record of the seed connector's resource, built from its id. */
export function seedRecord(id: number) {
  return { id, customer_id: id % 5 === 0 ? null : `cus_${id % 997}`, user_key: `user_${id % 7}`, created_at: "2026-01-01T00:00:00.000Z", tags: ["a", "b"] };
}

/**
 * The seed connector's API on 127.0.0.1: `{ data, total }` pages of `total` records at any
 * path, by `offset` and `limit`. Pages are built on request, so the server holds no records.
 */
export async function startSeedApi(total: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 100);
    const data = [];
    for (let id = offset; id < Math.min(offset + limit, total); id++) data.push(seedRecord(id));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ data, total }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
