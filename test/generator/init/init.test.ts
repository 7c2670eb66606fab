import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeConnector, type GenerateResult, type RestApiConfig } from "../../../generator/index.js";
import { initConfig } from "../../../generator/init/init.js";
import { tempDir } from "../../support/temp-dir.js";
import { typeCheck } from "../../support/typecheck.js";

const CORPUS = join(import.meta.dirname, "..", "..", "fixtures", "corpus");

/** Corpus specs init is run on: Swagger 2.0 and OpenAPI 3.0, YAML and JSON, every paginator and auth it guesses. */
const SPECS = {
  "petstore-swagger2": "swagger.yaml",
  "petstore-expanded": "openapi.yaml",
  uber: "swagger.yaml",
  giphy: "openapi.json",
  tvmaze: "openapi.json",
  "twilio-pricing": "openapi.json",
  tcgdex: "openapi.json",
  "docker-hub": "openapi.json",
  listennotes: "openapi.json",
} as const;
type Spec = keyof typeof SPECS;
const NAMES = Object.keys(SPECS) as Spec[];

let dir: Awaited<ReturnType<typeof tempDir>>;
const inits = new Map<Spec, { config: RestApiConfig; notes: string[] }>();
const results = new Map<Spec, GenerateResult>();

beforeAll(async () => {
  dir = await tempDir("init");
  for (const name of NAMES) {
    const configDir = join(dir.path, name);
    const init = await initConfig(join(CORPUS, name, SPECS[name]), { configDir });
    inits.set(name, init);
    // Exactly as `gen-connector init` writes it and `gen-connector config.json` reads it: no edits in between.
    const result = await generate({ config: JSON.parse(JSON.stringify(init.config)), configPath: join(configDir, "config.json"), outDir: configDir });
    await writeConnector(result);
    results.set(name, result);
  }
}, 120_000);

afterAll(async () => {
  await dir?.cleanup();
});

const resources = (name: Spec) => inits.get(name)!.config.resources.flatMap((resource) => (typeof resource === "string" ? [] : [resource]));
const resource = (name: Spec, resourceName: string) => resources(name).find((entry) => entry.name === resourceName);

describe("initConfig on corpus specs", () => {
  it.each(NAMES)("%s: the config generates with every record type from the spec", (name) => {
    expect(resources(name).length).toBeGreaterThan(0);
    expect(results.get(name)?.warnings).toEqual([]);
  });

  it("every connector type-checks under strict, without edits", () => {
    expect(typeCheck(NAMES.map((name) => join(dir.path, name, "index.ts")))).toEqual([]);
  }, 120_000);

  it("guesses offset paging with the total, and an api key in the query (giphy)", () => {
    expect(resource("giphy", "gifs_trending")?.endpoint).toMatchObject({
      path: "/gifs/trending",
      data_selector: "data",
      paginator: { type: "offset", limit: 25, total_path: "pagination.total_count" },
    });
    expect(inits.get("giphy")!.config.client.auth).toEqual({ type: "api_key", name: "api_key", api_key: { $secret: "giphy_api_key" }, location: "query" });
  });

  it("follows a next link in the body (twilio, docker hub), with basic auth as secrets", () => {
    expect(resource("twilio-pricing", "trunking_countries")?.endpoint).toMatchObject({
      data_selector: "countries",
      paginator: { type: "json_link", next_url_path: "meta.next_page_url" },
    });
    expect(resource("docker-hub", "access_tokens")?.endpoint).toMatchObject({ data_selector: "results", paginator: { type: "json_link", next_url_path: "next" } });
    expect(inits.get("twilio-pricing")!.config.client.auth).toEqual({
      type: "http_basic",
      username: { $secret: "twilio_pricing_username" },
      password: { $secret: "twilio_pricing_password" },
    });
  });

  it("links a child list to its parent through the path placeholder (tvmaze)", () => {
    expect(resource("tvmaze", "user_tags_shows")?.endpoint).toMatchObject({ path: "/user/tags/{resources.tags.id}/shows", data_selector: "$" });
    expect(inits.get("tvmaze")!.notes).toContain('user_tags_shows: a child of tags, one request per tags record with its "id"');
  });

  it("takes an api key declared as a required header parameter, not a security scheme (listennotes)", () => {
    expect(inits.get("listennotes")!.config.client.auth).toEqual({
      type: "api_key",
      name: "X-ListenAPI-Key",
      api_key: { $secret: "listen_api_key" },
      location: "header",
    });
    expect(resources("listennotes").length).toBeGreaterThan(3);
  });

  it("takes the base URL from Swagger 2.0's host and basePath", () => {
    expect(inits.get("uber")!.config.client.base_url).toBe("https://api.uber.com/v1");
  });

  it("names the spec relative to the config's folder", () => {
    const openapi = inits.get("giphy")!.config.openapi!;
    expect(openapi).toMatch(/^\.\.\//);
    expect(resolve(dir.path, "giphy", openapi)).toBe(join(CORPUS, "giphy", "openapi.json"));
  });
});
