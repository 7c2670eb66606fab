/**
 * The package as users get it: `npm pack`, installed into a project outside the repository, used
 * through `npx gen-connector` and `import { generate } from "gen-connector"` (plain .mjs, strict
 * TypeScript under `nodenext` and `bundler` resolution). Packs once and installs once per run.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleServer } from "../examples/seed/server.js";

const ROOT = join(import.meta.dirname, "..");
const BUILD = join(ROOT, "generator", "dist", "generator", "cli.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; npm's own `npm_*` variables are dropped, so an npm started by `npm test` installs where it is told. */
async function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...inherited, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every file under `dir` that the build compiles from, skipping the build itself. */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !join(entry.parentPath, entry.name).includes(`${join("generator", "dist")}`))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The strictest settings a user's project may have; `module`/`moduleResolution` vary per check. */
const STRICT = {
  target: "ES2022",
  lib: ["ES2023", "DOM"],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  skipLibCheck: false,
  types: [],
};

/** A build script in strict TypeScript: the exports are typed (not `any`), `ConfigError` is a class. */
const CONSUMER_TS = `import { ConfigError, generate, initConfig, type GenerateResult, type RestApiConfig } from "gen-connector";

const config: RestApiConfig = { client: { base_url: "https://api.example.com" }, resources: ["items"] };
// @ts-expect-error a config's resources are a list
const wrong: RestApiConfig = { client: { base_url: "https://api.example.com" }, resources: "items" };
const result: GenerateResult = await generate({ config, outDir: "out" });
const paths: string[] = result.files.map((file) => file.path);
const error: ConfigError = new ConfigError([{ path: "name", message: "bad" }]);
const issuePaths: string[] = error.issues.map((issue) => issue.path);
const notes: Promise<string[]> = initConfig("openapi.yaml").then((init) => init.notes);
export { paths, issuePaths, notes, wrong };
`;

let tarball: string;
let project: string;

beforeAll(async () => {
  // The tarball is packed from the build `npm test` just made (packing with scripts would rebuild
  // generator/dist/ under the feet of other test files); a stale build fails here, not in a user's install.
  const built = (await stat(BUILD)).mtimeMs;
  const stale = [];
  for (const file of [...(await sourceFiles(join(ROOT, "generator"))), ...(await sourceFiles(join(ROOT, "templates", "runtime")))]) {
    if ((await stat(file)).mtimeMs > built) stale.push(file);
  }
  expect(stale, "generator/dist/ is older than these sources: run `npm run build`").toEqual([]);

  project = await mkdtemp(join(tmpdir(), "gen-connector-package-"));
  const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], ROOT);
  expect(packed.stderr.includes("npm error") ? packed.stderr : "").toBe("");
  tarball = join(project, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

  await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const installed = await run("npm", ["install", "--prefer-offline", tarball, `ofetch@${manifest.dependencies["ofetch"]}`], project);
  expect(installed.code, installed.stderr).toBe(0);
}, 240_000);

afterAll(async () => {
  if (project !== undefined) await rm(project, { recursive: true, force: true });
});

// Child processes (npm, tsc, node) on a 2-core machine shared with other work: generous timeouts.
describe("the packed package", { timeout: 120_000 }, () => {
  it("passes publint --strict and arethetypeswrong", async () => {
    // Plain `attw --pack`, as a maintainer runs it: the package is ESM only by design (Node >= 20;
    // CommonJS loads it with `await import()`, or `require()` on Node >= 20.19), which .attw.json
    // records as attw's `esm-only` profile. npm's scripts are off for the pack attw runs, which
    // would otherwise rebuild generator/dist/ under the feet of other test files.
    const [publint, attw] = await Promise.all([
      run(join(ROOT, "node_modules", ".bin", "publint"), ["run", "--strict", tarball], ROOT),
      run(join(ROOT, "node_modules", ".bin", "attw"), ["--pack", "--no-color"], ROOT, { npm_config_ignore_scripts: "true" }),
    ]);
    expect(publint, publint.stdout).toMatchObject({ code: 0 });
    expect(publint.stdout).toContain("All good!");
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
    expect(attw.stdout).toContain("gen-connector v");
  });

  it("holds exactly what users need", async () => {
    const listed = await run("tar", ["tzf", tarball], project);
    const files = listed.stdout.trim().split("\n").map((line) => line.replace(/^package\//, ""));
    const tops = new Set(files.map((file) => (file.startsWith("generator/") ? file.split("/").slice(0, 2).join("/") : file.split("/")[0])));
    expect([...tops].sort()).toEqual(["LICENSE", "README.md", "docs", "generator/bin", "generator/config", "generator/dist", "package.json", "templates"]);
    expect(files).toContain("generator/config/config.schema.json");
    expect(files.filter((file) => file.startsWith("generator/config/"))).toEqual(["generator/config/config.schema.json"]);
    expect(files).toContain("templates/connector/index.ts.hbs");
    expect(files).toContain("templates/runtime/client.ts");
    expect(files.some((file) => file.startsWith("test/") || file.startsWith("examples/"))).toBe(false);
  });

  it("generates with npx gen-connector and an OpenAPI file; the connector type-checks, compiles and reads a real server", async () => {
    await cp(join(ROOT, "examples", "seed", "config.json"), join(project, "seed", "config.json"));
    await cp(join(ROOT, "examples", "seed", "openapi.yaml"), join(project, "seed", "openapi.yaml"));
    const generated = await run("npx", ["--no-install", "gen-connector", "seed/config.json"], project);
    expect(generated, generated.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(join(project, "generated", "seed", "index.ts"), "utf8")).toContain("export interface ResourceName");

    await writeFile(
      join(project, "tsconfig.connector.json"),
      // skipLibCheck: ofetch's own declarations name `undici`, which a project without Node types lacks.
      JSON.stringify({ compilerOptions: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true, rootDir: "generated", outDir: "out" }, include: ["generated"] }),
    );
    const compiled = await run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.connector.json"], project);
    expect(compiled.stdout + compiled.stderr).toBe("");
    await writeFile(
      join(project, "read.mjs"),
      `import { createSource } from "./out/seed/index.js";
let count = 0;
for await (const record of createSource({ baseUrl: process.env.API_URL }).resources.resource_name.records()) count += record.id >= 0 ? 1 : 0;
console.log(count);`,
    );
    const server = await startExampleServer({ apiKey: "k", records: 120 });
    try {
      const read = await run(process.execPath, ["read.mjs"], project, { API_URL: server.url, API_KEY: "k" });
      expect(read, read.stderr).toMatchObject({ code: 0, stdout: "120\n" });
    } finally {
      await server.close();
    }
  });

  it("imports generate from a plain .mjs file", async () => {
    await writeFile(
      join(project, "build.mjs"),
      `import { generate, ConfigError } from "gen-connector";
const result = await generate({ config: { client: { base_url: "https://api.example.com" }, resources: ["items"] } });
const rejected = await generate({ config: { resources: 1 } }).catch((error) => error);
console.log(JSON.stringify({ paths: result.files.map((file) => file.path), rejected: rejected instanceof ConfigError }));`,
    );
    const imported = await run(process.execPath, ["build.mjs"], project);
    expect(imported.stderr).toBe("");
    const output = JSON.parse(imported.stdout) as { paths: string[]; rejected: boolean };
    expect(output.paths).toContain("index.ts");
    expect(output.paths).toContain("runtime/client.ts");
    expect(output.rejected).toBe(true);
  });

  it("loads from CommonJS, as the README says: await import(), and require() on this Node (>= 20.19)", async () => {
    await writeFile(
      join(project, "build.cjs"),
      `const required = require("gen-connector");
import("gen-connector").then((imported) => console.log(JSON.stringify([typeof required.generate, imported.generate === required.generate])));`,
    );
    const loaded = await run(process.execPath, ["build.cjs"], project);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toEqual(["function", true]);
  });

  it("types generate for strict TypeScript with moduleResolution nodenext and bundler", async () => {
    const resolutions = {
      nodenext: { module: "nodenext", moduleResolution: "nodenext" },
      bundler: { module: "esnext", moduleResolution: "bundler" },
    };
    for (const [name, resolution] of Object.entries(resolutions)) {
      await mkdir(join(project, name), { recursive: true });
      await writeFile(join(project, name, "build.ts"), CONSUMER_TS);
      await writeFile(
        join(project, name, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { ...STRICT, ...resolution, noEmit: true }, include: ["build.ts"] }),
      );
    }
    // One compiler process builds both projects; each is its own program with its own resolution.
    const checked = await run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-b", ...Object.keys(resolutions)], project);
    expect(checked.stdout + checked.stderr).toBe("");
  });
});
