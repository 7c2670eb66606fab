import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../generator/errors.js";
import { parseJsonConfig } from "../../generator/load/json-config.js";
import { parseYamlConfig } from "../../generator/load/yaml-config.js";

const ROOT = join(import.meta.dirname, "..", "..");
const configs = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(ROOT, "examples", entry.name, "config.json"));

/** Every path of a value, plus one that leaves each object, as `locate` is asked. */
function* paths(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* paths(item, [...path, index]);
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) yield* paths(child, [...path, key]);
    yield [...path, "absent", 0];
  }
}

function issuesOf(text: string) {
  try {
    parseJsonConfig(text, "config.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error("no ConfigError");
}

describe("JSON configs read without the YAML parser", () => {
  it("give the values and the line and column of every path the YAML parser gave, however the file is laid out", () => {
    for (const file of configs) {
      const config: unknown = JSON.parse(readFileSync(file, "utf8"));
      for (const text of [readFileSync(file, "utf8"), JSON.stringify(config), `\r\n ${JSON.stringify(config, null, "\t").replace(/\n/g, "\r\n")}\n`]) {
        const json = parseJsonConfig(text, file);
        const yaml = parseYamlConfig(text, file);
        expect(json.config).toEqual(yaml.config);
        for (const path of paths(json.config)) expect(json.locate(path), `${file} ${path.join(".")}`).toEqual(yaml.locate(path));
      }
    }
  });

  it("refuse a duplicate key at any depth, where it is written (JSON.parse would keep the last)", () => {
    expect(issuesOf('{\n  "client": { "base_url": "https://x" },\n  "resources": ["a"],\n  "resources": ["b"]\n}')).toEqual([
      { path: "", message: 'syntax error: duplicate key "resources"', line: 4, column: 3 },
    ]);
    expect(issuesOf('{"resources": [{"name": "a", "endpoint": {"path": "x", "p\\u0061th": "y"}}]}')[0]).toMatchObject({ message: 'syntax error: duplicate key "path"', column: 56 });
  });

  it("report syntax errors with their position, never quoting the text", () => {
    expect(issuesOf('{\n  "client": {\n    "base_url" "S3CR3T"\n  }\n}\n')).toEqual([{ path: "", message: "invalid JSON: Expected ':' after property name", line: 3, column: 16 }]);
    expect(issuesOf('{"resources": [1, 2')).toEqual([{ path: "", message: "invalid JSON: Expected ',' or ']' after array element", line: 1, column: 20 }]);
    expect(issuesOf("")).toEqual([{ path: "", message: "invalid JSON: unexpected end of input", line: 1, column: 1 }]);
    expect(JSON.stringify(issuesOf('{"token": S3CR3T}'))).not.toContain("S3CR3T");
  });

  it("refuse a file nested thousands of levels deep with a clear error, not a stack overflow", () => {
    const depth = 20_000;
    const text = `{"client": {"base_url": "https://x"}, "resources": ["a"], "x": ${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(issuesOf(text)).toEqual([{ path: "", message: "the document is nested too deeply to read" }]);
  });
});
