import { serveExample, sendJson, type ExampleHandler } from "../example-server.js";

export const API_KEY = "events-key";

export interface Event {
  id: string;
  kind: "created" | "updated" | "deleted";
  updated_at: string;
  payload: Record<string, unknown> | null;
}

/** Event number `n`: one per minute from 2026-01-01; every third shares its minute with the one before, to test ties. */
export function event(n: number): Event {
  const minute = n - Math.floor(n / 3);
  return {
    id: `evt_${n}`,
    kind: n % 3 === 0 ? "updated" : "created",
    updated_at: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
    payload: n % 4 === 0 ? null : { n },
  };
}

/**
 * An event feed: `GET /v2/events?updated_since=…&limit=…&page=…` answers the events
 * updated at or after `updated_since` (so the boundary repeats, as real feeds do),
 * oldest first, with a relative `links.next`. `failAt` makes that page answer 500.
 */
export async function startEventServer(initial: number) {
  const events: Event[] = Array.from({ length: initial }, (_, n) => event(n));
  let failAt: number | undefined;
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.headers["x-api-key"] !== API_KEY) return sendJson(response, 401, { error: "bad key" });
    if (url.pathname !== "/v2/events") return sendJson(response, 404, { error: "not found" });
    const since = url.searchParams.get("updated_since") ?? "";
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const page = Number(url.searchParams.get("page") ?? 1);
    if (page === failAt) return sendJson(response, 500, { error: "boom" });
    const matching = events.filter((candidate) => Date.parse(candidate.updated_at) >= (since === "" ? 0 : Date.parse(since)));
    const slice = matching.slice((page - 1) * limit, page * limit);
    const more = page * limit < matching.length;
    const next = more ? `/v2/events?${new URLSearchParams({ updated_since: since, limit: String(limit), page: String(page + 1) })}` : null;
    sendJson(response, 200, { events: slice, links: { next } });
  };
  const { url, requests, close } = await serveExample(handler, { basePath: "/v2", log: (request) => request.url });
  return {
    url,
    requests,
    /** Appends events `from`..`to - 1`. */
    add(from: number, to: number) {
      for (let n = from; n < to; n++) events.push(event(n));
    },
    failOnPage(page: number | undefined) {
      failAt = page;
    },
    close,
  };
}
