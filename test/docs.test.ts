import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const documents = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/** The targets of a markdown file's relative links, without their #fragment. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith("#"))
    .map((target) => target.replace(/#.*$/, ""));
}

describe("documentation", () => {
  it.each(documents)("%s links only to files in the repository, all of which exist", (document) => {
    const text = readFileSync(join(ROOT, document), "utf8");
    expect(text).not.toMatch(/\.\.\/shared\b/);
    for (const target of relativeLinks(text)) {
      const file = resolve(dirname(join(ROOT, document)), target);
      expect(file.startsWith(ROOT), `${document} → ${target}`).toBe(true);
      expect(existsSync(file), `${document} → ${target}`).toBe(true);
    }
  });

  it("the README links the docs folder", () => {
    const links = relativeLinks(readFileSync(join(ROOT, "README.md"), "utf8"));
    expect(links).toContain("docs/config-reference.md");
    expect(links).toContain("docs/connector-api.md");
  });
});
