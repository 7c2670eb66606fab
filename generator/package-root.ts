import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder at or above `dir` that holds a package.json. */
function packageRootFrom(dir: string): string {
  let at = dir;
  while (!existsSync(join(at, "package.json"))) {
    const parent = dirname(at);
    if (parent === at) throw new Error(`gen-connector: no package.json above ${dir}`);
    at = parent;
  }
  return at;
}

/**
 * The gen-connector package's own folder (package.json, templates/, generator/config/). The
 * generator runs from its TypeScript sources (tests, tsx) and from the compiled build under
 * generator/dist/, at different depths, so files it ships are found from here, never by `../..`.
 */
export const PACKAGE_ROOT = packageRootFrom(dirname(fileURLToPath(import.meta.url)));
