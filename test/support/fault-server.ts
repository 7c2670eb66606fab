import type { ServerResponse } from "node:http";
import { startServer, type LoggedRequest, type TestServer } from "./http-server.js";

/**
 * What the fault server can do to a request instead of answering it well.
 * - `429` … `504`: that status, with a small JSON error body (and `Retry-After` on 429/503 when configured).
 * - `reset-before-headers`: the socket is destroyed before any byte of the response.
 * - `reset-mid-body`: a 200 with the full `content-length` whose body stops half-way, then the socket is destroyed.
 * - `slow`: the right answer, after `slowMs`.
 * - `hang`: headers never come.
 * - `stall-mid-body`: a 200 whose body stops half-way and never finishes.
 */
export type FaultKind =
  | "429"
  | "500"
  | "502"
  | "503"
  | "504"
  | "reset-before-headers"
  | "reset-mid-body"
  | "slow"
  | "hang"
  | "stall-mid-body";

/** The status faults, resets and slow answers in equal shares: the mix the hostile tests default to. */
export const DEFAULT_FAULT_MIX: Partial<Record<FaultKind, number>> = {
  "429": 1,
  "500": 1,
  "502": 1,
  "503": 1,
  "504": 1,
  "reset-before-headers": 1,
  "reset-mid-body": 1,
  slow: 1,
};

export interface FaultServerOptions {
  /** Records served: `{ id, name }` with ids 0 … records-1. */
  records: number;
  /** Share of requests, 0…1, that get a fault instead of a good answer. */
  faultRate: number;
  /** Relative weights of the fault kinds drawn; default {@link DEFAULT_FAULT_MIX}. */
  mix?: Partial<Record<FaultKind, number>>;
  /** Seed of the fault draws, so a failing run can be replayed exactly. */
  seed?: number;
  /** How long a `slow` answer takes. Default 20 ms. */
  slowMs?: number;
  /** `Retry-After` sent with 429 and 503, when set. */
  retryAfter?: string;
  /** Called with each request; return a fault kind to force it, `"ok"` to force a good answer, undefined to draw. */
  decide?: (request: LoggedRequest, index: number) => FaultKind | "ok" | undefined;
}

export interface FaultServer extends TestServer {
  /** How many times each fault kind was served. */
  faults: Partial<Record<FaultKind, number>>;
  /** Good pages served. */
  pagesServed: number;
}

/** mulberry32: small, fast and good enough to spread faults; seeded so runs repeat. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(mix: Partial<Record<FaultKind, number>>, random: number): FaultKind {
  const entries = Object.entries(mix).filter(([, weight]) => (weight ?? 0) > 0) as [FaultKind, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random * total;
  for (const [kind, weight] of entries) {
    point -= weight;
    if (point < 0) return kind;
  }
  return entries[entries.length - 1]![0];
}

/** The offset/limit page the server's dataset has at `request`: `{ data, total }`. */
export function pageBody(request: LoggedRequest, records: number): string {
  const offset = Number(request.query.get("offset") ?? 0);
  const limit = Number(request.query.get("limit") ?? 100);
  const data = [];
  for (let id = offset; id < Math.min(records, offset + limit); id++) data.push({ id, name: `record ${id}` });
  return JSON.stringify({ data, total: records });
}

function destroyAfterFlush(response: ServerResponse): void {
  // The half body must reach the client before the reset, or this is just a reset before the body.
  setTimeout(() => response.socket?.destroy(), 5);
}

/**
 * A local HTTP server that serves an offset/limit dataset at any path and injects faults:
 * error statuses, connection resets before and in the middle of the body, slow and hung answers.
 * Draws are seeded and made in request order, so a sequential client sees the same faults every run.
 */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const random = seededRandom(options.seed ?? 1);
  const mix = options.mix ?? DEFAULT_FAULT_MIX;
  const faults: Partial<Record<FaultKind, number>> = {};
  let index = 0;
  let server: FaultServer;
  const base = await startServer(async (request, response) => {
    const forced = options.decide?.(request, index++);
    const draw = random();
    const kindDraw = random();
    const kind = forced === "ok" ? undefined : (forced ?? (draw < options.faultRate ? pick(mix, kindDraw) : undefined));
    if (kind !== undefined) faults[kind] = (faults[kind] ?? 0) + 1;
    const body = pageBody(request, options.records);
    switch (kind) {
      case undefined:
        break;
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 20));
        break;
      case "hang":
        return new Promise(() => undefined);
      case "reset-before-headers":
        response.socket?.destroy();
        return;
      case "reset-mid-body":
        response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        response.write(body.slice(0, Math.floor(body.length / 2)));
        destroyAfterFlush(response);
        return;
      case "stall-mid-body":
        response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        response.write(body.slice(0, Math.floor(body.length / 2)));
        return new Promise(() => undefined);
      default: {
        const retryAfter = options.retryAfter !== undefined && (kind === "429" || kind === "503") ? { "retry-after": options.retryAfter } : {};
        response.writeHead(Number(kind), { "content-type": "application/json", ...retryAfter });
        response.end(JSON.stringify({ error: `injected ${kind}` }));
        return;
      }
    }
    server.pagesServed++;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  });
  server = { ...base, faults, pagesServed: 0 };
  return server;
}
