import { ensureGithubDescription } from "./support/github-description.js";

/** Runs once before any test file: fixtures that are committed compressed are unpacked here. */
export default function setup(): void {
  ensureGithubDescription();
}
