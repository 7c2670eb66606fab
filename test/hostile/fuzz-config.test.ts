import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, generate } from "../../generator/index.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { validateConfig } from "../../generator/validate/validate-config.js";
import { INJECTION_PAYLOADS } from "../support/payloads.js";

/**
 * Property-based fuzzing of configs, mutated from every example config: the generator never
 * crashes, and every rejection is a ConfigError whose issues each carry a path.
 * 600 cases run validate + normalize (milliseconds each); a fixed-size subset runs the whole
 * generate() (about a second each: openapi-typescript, ts-morph and prettier), so the file stays fast.
 * Fixed seeds: a failure replays exactly.
 */
const EXAMPLES = readdirSync("examples", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return [JSON.parse(readFileSync(join("examples", entry.name, "config.json"), "utf8")) as unknown];
    } catch {
      return [];
    }
  })
  .map((config) => {
    // No OpenAPI: the fuzzing is about the config; documents have their own tests.
    const { openapi: _openapi, ...rest } = config as Record<string, unknown>;
    return rest;
  });

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const found: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, index) => found.push(...paths(item, [...at, index])));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]));
  return found;
}

interface Mutation {
  pick: number;
  op: "replace" | "delete" | "add";
  key: string;
  value: unknown;
}

/** Applies `mutation` to a copy of `config`; returns the new config and the path it touched. */
function mutate(config: unknown, mutation: Mutation): { config: unknown; at: Path } {
  const copy = structuredClone(config);
  const all = paths(copy);
  const at = all[mutation.pick % all.length]!;
  if (at.length === 0) return { config: mutation.op === "replace" ? mutation.value : copy, at };
  const parent = at.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  const target = parent[last];
  if (mutation.op === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (mutation.op === "add" && typeof target === "object" && target !== null && !Array.isArray(target)) {
    Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  } else {
    parent[last] = mutation.value;
  }
  return { config: copy, at };
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...INJECTION_PAYLOADS),
  fc.constantFrom("", "{x}", "$", "$..*", "data[", "offset", "GET", "json_link", "../../etc", "dlt.secrets['k']", -1, 0, 1.5, 2 ** 53, true),
  fc.constantFrom({ $secret: "k" }, { $secret: "" }, { type: "offset" }, { type: "nope" }, [], {}, [null]),
);
const mutation = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom("replace" as const, "delete" as const, "add" as const),
  key: fc.oneof(fc.constantFrom("type", "paginator", "auth", "data_selector", "__proto__", "constructor", "$secret", "params"), fc.string()),
  value: hostileValue,
});
const mutatedConfig = fc
  .tuple(fc.nat(EXAMPLES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([index, mutations]) => {
    let config: unknown = EXAMPLES[index];
    let root = false;
    for (const each of mutations) {
      const result = mutate(config, each);
      config = result.config;
      root ||= result.at.length === 0 && each.op === "replace";
    }
    return { config, root };
  });

/** Runs `stage` on `config`; it may succeed or throw a ConfigError with paths, nothing else. */
async function expectOnlyConfigErrors(stage: () => unknown, root: boolean): Promise<void> {
  try {
    await stage();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw new Error(`not a ConfigError: ${String(error)}\n${(error as Error).stack ?? ""}`);
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe("string");
      // The root ("" , shown as "(root)") is blamed only for a config that is not an object, or one missing a required key.
      if (!root && issue.path === "") expect(issue.message).toMatch(/missing required key/);
    }
  }
}

describe("fuzzing configs mutated from the examples", () => {
  it(`has examples to mutate (${EXAMPLES.length})`, () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
  });

  it("validate + normalize: 600 cases, never a crash, every rejection a located ConfigError", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedConfig, async ({ config, root }) => {
        await expectOnlyConfigErrors(() => normalize(validateConfig(config)), root);
      }),
      { seed: 20261125, numRuns: 600 },
    );
  }, 60_000);

  it("the whole generate(): 20 cases, never a crash, every rejection a located ConfigError", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedConfig, async ({ config, root }) => {
        await expectOnlyConfigErrors(() => generate({ config, outDir: "unused" }), root);
      }),
      { seed: 5, numRuns: 20 },
    );
  }, 90_000);
});

describe("found by fuzzing", () => {
  it.each(["toString", "constructor", "hasOwnProperty", "__proto__"])("a paginator type %j is a ConfigError at its path", async (type) => {
    const config = { client: { base_url: "http://x.test" }, resources: [{ name: "a", endpoint: { path: "/a", paginator: { type } } }] };
    const error = await generate({ config }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.path).toBe("resources[0].endpoint.paginator.type");
  });
});
