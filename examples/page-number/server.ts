import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/** A book as openapi.yaml describes it. */
export interface Book {
  id: number;
  title: string;
  subtitle?: string;
  isbn: string | null;
  authors: string[];
  published_year: number;
}

/** The credentials this example API accepts; the password is the connector's `library_password` secret. */
export const USERNAME = "reporting";
export const secrets = { library_password: "s3cret-shelf" };

/** 60 deterministic books: 3 pages of 25, 25 and 10 at `per_page=25`. Some have no subtitle, some a null ISBN. */
export function records(): Book[] {
  return Array.from({ length: 60 }, (_, index) => {
    const id = index + 1;
    const book: Book = {
      id,
      title: `Book ${id}`,
      isbn: id % 7 === 0 ? null : `978-0-00-${String(id).padStart(6, "0")}-0`,
      authors: id % 5 === 0 ? ["A. Author", "B. Writer"] : ["A. Author"],
      published_year: 1950 + (id % 70),
    };
    if (id % 3 === 0) book.subtitle = `A sequel, part ${id / 3}`;
    return book;
  });
}

export interface LoggedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ExampleServer {
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/**
 * Serves `GET /api/v1/books?page=N&per_page=M`: pages numbered from 1, the page count
 * under `meta.total_pages`, HTTP basic auth (401 with a challenge otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const books = records();
  const expected = `Basic ${Buffer.from(`${USERNAME}:${secrets.library_password}`).toString("base64")}`;
  const requests: LoggedRequest[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/api/v1/books") return send(response, 404, { error: "not found" });
    if (request.headers.authorization !== expected) {
      return send(response, 401, { error: "unauthorized" }, { "www-authenticate": 'Basic realm="library"' });
    }
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 20);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return send(response, 400, { error: "page must be >= 1 and per_page 1..100" });
    }
    const totalPages = Math.ceil(books.length / perPage);
    send(response, 200, {
      books: books.slice((page - 1) * perPage, page * perPage),
      meta: { page, per_page: perPage, total_pages: totalPages },
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `tsx examples/page-number/server.ts` serves the example API on port 8791 until stopped.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await start({ port: 8791 });
  console.log(`Library API on ${url}/v1/books (basic auth ${USERNAME}:${secrets.library_password})`);
}
