/**
 * Prettier's standalone build and its Babel and estree plugins, loaded through V8's code cache.
 * Compiling prettier's functions on first use was the largest part of a run without an OpenAPI
 * document. Node 22's `module.enableCompileCache()` does this for every module; Node 20 has no such
 * switch, so this does it for prettier's CommonJS builds: the first run compiles them as usual and
 * keeps the compiled code (after formatting, so it holds every function a run needs) under the
 * package's `node_modules/.cache/gen-connector/`, named after V8's version; later runs start from
 * it. V8 rejects a cache made by another version or for another source and then compiles as usual,
 * and a cache that cannot be written is simply not kept: the cache only ever saves time.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import type * as Babel from "prettier/plugins/babel";
import type * as Estree from "prettier/plugins/estree";
import type * as Standalone from "prettier/standalone";
import { PACKAGE_ROOT } from "../package-root.js";
import { sha256 } from "../source-hash.js";

const CACHE_DIR = join(PACKAGE_ROOT, "node_modules", ".cache", "gen-connector", `v8-${process.versions.v8}-${process.arch}`);

interface Loaded {
  script: Script;
  cacheFile: string;
  /** Compiled here, not taken from the cache: worth saving. */
  compiled: boolean;
}

const loaded: Loaded[] = [];

/** Runs a CommonJS file as Node would, with its compiled code from the cache when there is one for it. */
function loadCommonJs(specifier: string): unknown {
  const require = createRequire(import.meta.url);
  const file = require.resolve(specifier);
  const source = readFileSync(file, "utf8");
  const cacheFile = join(CACHE_DIR, `${basename(file, ".js")}-${sha256(source).slice(0, 16)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  loaded.push({ script, cacheFile, compiled: cachedData === undefined || script.cachedDataRejected === true });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

let prettier: { format: typeof Standalone.format; plugins: [typeof Babel, typeof Estree] } | undefined;

/** Prettier's `format` and the plugins for `babel-ts`, loaded once. */
export function loadPrettier(): NonNullable<typeof prettier> {
  prettier ??= {
    format: (loadCommonJs("prettier/standalone") as typeof Standalone).format,
    plugins: [loadCommonJs("prettier/plugins/babel") as typeof Babel, loadCommonJs("prettier/plugins/estree") as typeof Estree],
  };
  return prettier;
}

/** Keeps the code compiled in this process for the next one; call after formatting. Does nothing the second time. */
export function saveCodeCache(): void {
  for (const entry of loaded.filter((candidate) => candidate.compiled)) {
    entry.compiled = false;
    const temporary = `${entry.cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(temporary, entry.script.createCachedData());
      renameSync(temporary, entry.cacheFile);
    } catch {
      // A read-only install: every run compiles, as without a cache.
      rmSync(temporary, { force: true });
    }
  }
}
