import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type LoggedRequest } from "../example-server.js";

export type { LoggedRequest } from "../example-server.js";

/** An invoice as openapi.yaml describes it. */
export interface Invoice {
  id: string;
  customer: string;
  amount_due: number;
  currency: string;
  status: "open" | "paid";
  paid_at: string | null;
  memo?: string;
}

/** The OAuth client this example API knows, under the connector's secret names. */
export const secrets = { billing_client_id: "client-billing-reader", billing_client_secret: "cs-5e2b8a" };

/** 60 deterministic invoices, every third one paid. */
export function allInvoices(): Invoice[] {
  return Array.from({ length: 60 }, (_, index) => {
    const paid = index % 3 === 2;
    const invoice: Invoice = {
      id: `inv_${String(index + 1).padStart(4, "0")}`,
      customer: `cus_${index % 6}`,
      amount_due: 1000 + index * 25,
      currency: index % 4 === 0 ? "eur" : "usd",
      status: paid ? "paid" : "open",
      paid_at: paid ? new Date(Date.UTC(2026, 0, 1 + index)).toISOString() : null,
    };
    if (index % 5 === 0) invoice.memo = `PO ${1000 + index}`;
    return invoice;
  });
}

/** What the connector asks for (status=open, limit=15): 40 invoices, pages of 15, 15 and 10. */
export function records(): Invoice[] {
  return allInvoices().filter((invoice) => invoice.status === "open");
}

export interface ExampleServer {
  url: string;
  /** Every request received, token requests included, in order. */
  requests: LoggedRequest[];
  /** The access tokens issued so far, oldest first. */
  tokens: string[];
  close(): Promise<void>;
}

/** Every answer of this API is JSON that must not be cached. */
function send(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, { "cache-control": "no-store" });
}

/**
 * Serves `POST /oauth/token` (client credentials in the form body, scope `invoices:read`)
 * and `GET /v1/invoices?status=…&limit=N[&starting_after=id]` for holders of a token it issued.
 * The next page is `links.next`, a relative link that carries every query parameter.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const invoices = allInvoices();
  const tokens: string[] = [];
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method === "POST" && url.pathname === "/oauth/token") {
      const form = new URLSearchParams(request.body);
      if (form.get("grant_type") !== "client_credentials") return send(response, 400, { error: "unsupported_grant_type" });
      if (form.get("client_id") !== secrets.billing_client_id || form.get("client_secret") !== secrets.billing_client_secret) {
        return send(response, 401, { error: "invalid_client" });
      }
      if (form.get("scope") !== "invoices:read") return send(response, 400, { error: "invalid_scope" });
      const token = `at_${randomUUID()}`;
      tokens.push(token);
      return send(response, 200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
    }
    if (request.method !== "GET" || url.pathname !== "/v1/invoices") return send(response, 404, { error: "not_found" });
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (bearer === undefined || !tokens.includes(bearer)) return send(response, 401, { error: "invalid_token" });
    const status = url.searchParams.get("status");
    const limit = Number(url.searchParams.get("limit") ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return send(response, 400, { error: "invalid_limit" });
    const matching = status === null ? invoices : invoices.filter((invoice) => invoice.status === status);
    const after = url.searchParams.get("starting_after");
    const from = after === null ? 0 : matching.findIndex((invoice) => invoice.id === after) + 1;
    if (from === 0 && after !== null) return send(response, 400, { error: "invalid_cursor" });
    const page = matching.slice(from, from + limit);
    const last = page.at(-1);
    let next: string | null = null;
    if (last !== undefined && from + limit < matching.length) {
      const query = new URLSearchParams(url.searchParams);
      query.set("starting_after", last.id);
      next = `/v1/invoices?${query.toString()}`;
    }
    send(response, 200, { data: page, links: { next } });
  };
  return { ...(await serveExample(handler, { port: options.port })), tokens };
}

// `tsx examples/json-link/server.ts` serves the example API on port 8794 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8794 }),
  (url) => `Billing API on ${url}/v1/invoices, tokens from ${url}/oauth/token (${JSON.stringify(secrets)})`,
);
