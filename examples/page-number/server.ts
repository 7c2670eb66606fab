import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

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

/**
 * Serves `GET /api/v1/books?page=N&per_page=M`: pages numbered from 1, the page count
 * under `meta.total_pages`, HTTP basic auth (401 with a challenge otherwise).
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const books = records();
  const expected = `Basic ${Buffer.from(`${USERNAME}:${secrets.library_password}`).toString("base64")}`;
  const handler: ExampleHandler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (request.method !== "GET" || url.pathname !== "/api/v1/books") return sendJson(response, 404, { error: "not found" });
    if (request.headers.authorization !== expected) {
      return sendJson(response, 401, { error: "unauthorized" }, { "www-authenticate": 'Basic realm="library"' });
    }
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 20);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return sendJson(response, 400, { error: "page must be >= 1 and per_page 1..100" });
    }
    const totalPages = Math.ceil(books.length / perPage);
    sendJson(response, 200, {
      books: books.slice((page - 1) * perPage, page * perPage),
      meta: { page, per_page: perPage, total_pages: totalPages },
    });
  };
  return serveExample(handler, { port: options.port, basePath: "/api" });
}

// `tsx examples/page-number/server.ts` serves the example API on port 8791 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8791 }),
  (url) => `Library API on ${url}/v1/books (basic auth ${USERNAME}:${secrets.library_password})`,
);
