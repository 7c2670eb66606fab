import { serveExample, serveWhenRunDirectly, sendJson, type ExampleHandler, type ExampleServer } from "../example-server.js";

export type { ExampleServer, LoggedRequest } from "../example-server.js";

/** A Pokémon as openapi.yaml describes it. */
export interface Pokemon {
  id: number;
  name: string;
  url: string;
  base_experience: number | null;
  types: string[];
  legendary?: boolean;
}

/** The token this example API accepts, under the connector's secret name. */
export const secrets = { pokedex_token: "pokedex-4a91" };

const TYPES = ["grass", "fire", "water", "electric", "psychic"];

/** 50 deterministic Pokémon: 3 pages of 20, 20 and 10 at `limit=20`; `url` points at the given origin. */
export function records(origin = "https://pokedex.example.com"): Pokemon[] {
  return Array.from({ length: 50 }, (_, index) => {
    const id = index + 1;
    const pokemon: Pokemon = {
      id,
      name: `pokemon-${id}`,
      url: `${origin}/api/v2/pokemon/${id}/`,
      base_experience: id % 11 === 0 ? null : 50 + id * 3,
      types: id % 4 === 0 ? [TYPES[id % 5] ?? "grass", "flying"] : [TYPES[id % 5] ?? "grass"],
    };
    if (id % 25 === 0) pokemon.legendary = true;
    return pokemon;
  });
}

/**
 * Serves `GET /api/v2/pokemon?limit=N[&offset=M]` like PokeAPI: `{ count, next, previous,
 * results }` where `next`/`previous` are absolute URLs (null at either end). A client that
 * detects its paginator finds `next` (json_link) and its records under `results`. Bearer auth.
 */
export async function start(options: { port?: number } = {}): Promise<ExampleServer> {
  const handler: ExampleHandler = (request, response) => {
    const origin = `http://${request.headers.host ?? "localhost"}`;
    const url = new URL(request.url, origin);
    if (request.method !== "GET" || url.pathname !== "/api/v2/pokemon") return sendJson(response, 404, { detail: "Not found." });
    if (request.headers.authorization !== `Bearer ${secrets.pokedex_token}`) return sendJson(response, 401, { detail: "Invalid token." });
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      return sendJson(response, 400, { detail: "Invalid limit or offset." });
    }
    const all = records(origin);
    const link = (at: number) => `${origin}/api/v2/pokemon?offset=${at}&limit=${limit}`;
    sendJson(response, 200, {
      count: all.length,
      next: offset + limit < all.length ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: all.slice(offset, offset + limit),
    });
  };
  return serveExample(handler, { port: options.port, basePath: "/api/v2" });
}

// `tsx examples/auto/server.ts` serves the example API on port 8798 until stopped.
await serveWhenRunDirectly(
  import.meta.url,
  () => start({ port: 8798 }),
  (url) => `Pokédex API on ${url}/pokemon (Authorization: Bearer ${secrets.pokedex_token})`,
);
