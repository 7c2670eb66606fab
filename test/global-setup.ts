import { ensureCorpusUnpacked } from "./support/compressed-fixtures.js";

/** Runs once before any test file: fixtures that are committed compressed are unpacked here. */
export default function setup(): void {
  ensureCorpusUnpacked();
}
