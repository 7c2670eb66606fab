import { describe, expect, it } from "vitest";
import { ConfigError, generate } from "../../generator/index.js";

/**
 * Canary secrets in configs: given as `$secret` references they never reach a generated file;
 * written inline where a secret belongs, the generator warns (or refuses with a ConfigError)
 * and the value still reaches no file, warning or error message.
 */
const CANARY = "canary-inline-7Rt";

const AUTHS = {
  api_key: { type: "api_key", name: "api_key", api_key: CANARY, location: "query" },
  api_key_header: { type: "api_key", name: "X-Api-Key", api_key: CANARY },
  api_key_cookie: { type: "api_key", name: "session", api_key: CANARY, location: "cookie" },
  bearer: { type: "bearer", token: CANARY },
  http_basic: { type: "http_basic", username: "reporter", password: CANARY },
  oauth2_client_credentials: { type: "oauth2_client_credentials", access_token_url: "https://auth.example.com/token", client_id: "id", client_secret: CANARY },
};

const base = (client: Record<string, unknown>, endpoint: Record<string, unknown> = {}) => ({
  name: "inline",
  client: { base_url: "https://api.example.com", ...client },
  resources: [{ name: "items", endpoint: { path: "/items", ...endpoint } }],
});

/** Generates `config`; returns every text the generator produced, and whether it refused. */
async function outputs(config: unknown): Promise<{ texts: string[]; refused: boolean; warnings: string[] }> {
  try {
    const result = await generate({ config, outDir: "unused" });
    return { texts: [...result.files.map((file) => file.contents), ...result.warnings], refused: false, warnings: result.warnings };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { texts: [error.message, error.stack ?? "", JSON.stringify(error.issues)], refused: true, warnings: [] };
  }
}

describe("secrets never reach generated files", () => {
  it.each(Object.entries(AUTHS))("%s given as $secret references: only secret names in the output", async (_name, auth) => {
    const referenced = Object.fromEntries(Object.entries(auth).map(([key, value]) => [key, value === CANARY ? { $secret: "canary" } : value]));
    const { texts, refused } = await outputs(base({ auth: referenced }));
    expect(refused).toBe(false);
    expect(texts.join("\n")).not.toContain(CANARY);
    expect(texts.join("\n")).toContain("secrets.canary");
  });

  it.each(Object.entries(AUTHS))("%s with the credential inline: warned about or refused, never emitted", async (_name, auth) => {
    const { texts, refused, warnings } = await outputs(base({ auth }));
    expect(texts.join("\n")).not.toContain(CANARY);
    if (!refused) expect(warnings.join("\n")).toMatch(/client\.auth\.\w+: a credential is written inline/);
  });

  it.each([
    ["a client header", base({ headers: { Authorization: `Bearer ${CANARY}` } })],
    ["an endpoint header", base({}, { headers: { "X-Api-Key": CANARY } })],
    ["a cookie header", base({ headers: { Cookie: `session=${CANARY}` } })],
    ["a query param", base({}, { params: { api_key: CANARY } })],
    ["a JSON body field", base({}, { method: "POST", json: { client_secret: CANARY } })],
  ])("a literal credential in %s: warned about or refused, never emitted", async (_where, config) => {
    const { texts } = await outputs(config);
    expect(texts.join("\n")).not.toContain(CANARY);
  });
});
