/**
 * Bun and Deno, for the tests that run or check connectors on them. They are not the repository's
 * devDependencies (about 95 MB every contributor's `npm ci` would download): the versions pinned in
 * test/compat/runtimes/ (its own package.json and lockfile) are installed once, with
 * `npm ci --prefix`, into a cache folder outside the repository, and every later run reuses them.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

const PINNED = join(import.meta.dirname, "..", "compat", "runtimes");

/**
 * `GEN_CONNECTOR_RUNTIMES_DIR`, else a folder under the user's cache named after the lockfile's
 * hash: pinning other versions installs them beside, never over, what an older checkout uses.
 */
export const RUNTIMES_DIR =
  process.env["GEN_CONNECTOR_RUNTIMES_DIR"] ??
  join(
    process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"),
    "gen-connector",
    "runtimes",
    createHash("sha256").update(readFileSync(join(PINNED, "package-lock.json"))).digest("hex").slice(0, 16),
  );

const BINARIES = { bun: join(RUNTIMES_DIR, "node_modules", ".bin", "bun"), deno: join(RUNTIMES_DIR, "node_modules", ".bin", "deno") };

/**
 * Installs the pinned Bun and Deno unless they are there. Installs into a fresh folder renamed into
 * place when complete, so an interrupted install, or two test processes installing at once, never
 * leave a half-installed folder. Throws saying what failed.
 */
export function installRuntimes(): void {
  if (Object.values(BINARIES).every((binary) => existsSync(binary))) return;
  mkdirSync(dirname(RUNTIMES_DIR), { recursive: true });
  const staging = mkdtempSync(`${RUNTIMES_DIR}.installing-`);
  try {
    for (const file of ["package.json", "package-lock.json"]) copyFileSync(join(PINNED, file), join(staging, file));
    // Their install scripts fetch the binaries; test/compat/runtimes/package.json approves them (`allowScripts`).
    execFileSync("npm", ["ci", "--prefix", staging, "--no-audit", "--no-fund"], { stdio: "pipe", shell: process.platform === "win32" });
    rmSync(RUNTIMES_DIR, { recursive: true, force: true });
    renameSync(staging, RUNTIMES_DIR);
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `could not install Bun and Deno for the runtime tests into ${RUNTIMES_DIR} ` +
        `(npm ci --prefix, from test/compat/runtimes/): ${output || (error as Error).message}`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The path of `bun` or `deno`, installing them first if needed; a failed install fails the test that needs them, never skips it. */
export function runtimeBinary(name: keyof typeof BINARIES): string {
  installRuntimes();
  return BINARIES[name];
}
