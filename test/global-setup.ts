import { ensureCorpusUnpacked } from "./support/compressed-fixtures.js";
import { installRuntimes } from "./support/runtimes.js";

/**
 * Runs once before any test file: fixtures that are committed compressed are unpacked here, and Bun
 * and Deno are installed into their cache on the first run (here, so parallel test files do not all
 * install them). A failed install is reported by each test that needs them, not here.
 */
export default function setup(): void {
  ensureCorpusUnpacked();
  try {
    installRuntimes();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
  }
}
