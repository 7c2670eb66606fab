import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../generator/errors.js";
import { declarationsModule, deriveTypes } from "./derive.js";

describe("recordTypes: warnings, --strict and fallbacks", () => {
  it("warns naming the resource and the closest paths, and falls back to Record<string, unknown>", async () => {
    const types = await deriveTypes("recursion.yaml", [{ name: "trees", path: "/trees", dataSelector: "nodes" }]);
    expect(types.warnings).toEqual(["resources[0] (trees): no GET /trees in the OpenAPI document; closest paths: /tree"]);
    expect(await declarationsModule(types)).toContain("export type Trees = Record<string, unknown>;");
  });

  it.each([
    ["a selector that leads nowhere", { name: "nodes", path: "/tree", dataSelector: "data" }, `data_selector "data" leads nowhere in the response schema`],
    ["a recursive-descent selector", { name: "nodes", path: "/tree", dataSelector: "$..value" }, `uses ".."`],
  ])("warns about %s", async (_what, resource, message) => {
    const types = await deriveTypes("recursion.yaml", [resource]);
    expect(types.warnings).toHaveLength(1);
    expect(types.warnings[0]).toContain(message);
    expect(types.warnings[0]).toContain("its records are typed Record<string, unknown>");
  });

  it("with strict, throws one ConfigError listing every resource without a derived type", async () => {
    const error = await deriveTypes(
      "recursion.yaml",
      [
        { name: "trees", path: "/trees" },
        { name: "nodes", path: "/tree", dataSelector: "nodes" },
        { name: "bad", path: "/tree", dataSelector: "data" },
      ],
      { strict: true },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: "resources[0].endpoint.path", message: "no GET /trees in the OpenAPI document; closest paths: /tree" },
      { path: "resources[2].endpoint.data_selector", message: `data_selector "data" leads nowhere in the response schema` },
    ]);
  });

  it("with strict, passes when every resource has a type", async () => {
    const types = await deriveTypes("recursion.yaml", [{ name: "nodes", path: "/tree", dataSelector: "nodes" }], { strict: true });
    expect(types.warnings).toEqual([]);
  });

  it("without an OpenAPI document, types records as Record<string, unknown> quietly, even with strict", async () => {
    const types = await deriveTypes(undefined, [{ name: "things", path: "/things" }], { strict: true });
    expect(types.warnings).toEqual([]);
    expect(await declarationsModule(types)).toContain("the config names no OpenAPI document");
  });

  it("warns about an unknown dlt data_type, keeping the field as the schema has it", async () => {
    const types = await deriveTypes("columns.yaml", [{ name: "invoices", path: "/invoices", columns: { amount: { data_type: "money" } } }]);
    expect(types.warnings).toEqual([
      `resources[0] (invoices): columns.amount: unknown data_type "money" (known: text, bigint, double, decimal, wei, bool, timestamp, date, time, json, complex, binary)`,
    ]);
    expect(await declarationsModule(types)).toMatch(/amount\?: string;/);
  });

  it("rejects a schema file that is not there, naming the resource's schema key", async () => {
    const error = await deriveTypes(undefined, [{ name: "orders", path: "/orders", schemaFile: "nowhere.schema.json" }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe("resources[0].schema");
  });

  it("is deterministic, and a resource's type names do not depend on the other resources", async () => {
    const one = await declarationsModule(await deriveTypes("docs.yaml", [{ name: "accounts", path: "/accounts" }]));
    expect(await declarationsModule(await deriveTypes("docs.yaml", [{ name: "accounts", path: "/accounts" }]))).toBe(one);
    const two = await declarationsModule(
      await deriveTypes("docs.yaml", [
        { name: "accounts", path: "/accounts" },
        { name: "accounts_again", path: "/accounts" },
      ]),
    );
    expect(two).toContain(one.replace(/\n$/, "").split("\n\n").slice(1).join("\n\n"));
  });

  it("avoids names reserved by the connector module", async () => {
    const { recordTypes } = await import("../../../generator/types/record-types.js");
    const { loadOpenApi } = await import("../../../generator/types/load-openapi.js");
    const { connectorModel, FIXTURES } = await import("./derive.js");
    const types = await recordTypes(connectorModel([{ name: "tree", path: "/tree", dataSelector: "nodes" }]), await loadOpenApi(`${FIXTURES}/recursion.yaml`), ["Node", "Tree"]);
    expect(types.recordTypeNames.get("tree")).toBe("Tree2");
    expect(types.declarations.map((declaration) => declaration.name)).toEqual(["Tree2", "Node2"]);
  });
});

describe("recordTypes: TSDoc", () => {
  it("turns descriptions into doc comments, description before @deprecated", async () => {
    const module = await declarationsModule(await deriveTypes("docs.yaml", [{ name: "accounts", path: "/accounts" }]));
    expect(module).toContain("/** A customer account. */\nexport interface Account {");
    expect(module).toContain("  /** Stable id. Never reused. */\n  id: string;");
    expect(module).toContain("  /**\n   * Use `tier` instead.\n   * @deprecated\n   */\n  plan?: string;");
    expect(module).toContain("/** @deprecated */\nexport interface LegacyFlags {");
    expect(module).not.toContain("@description");
    expect(module).not.toContain("@enum");
  });
});
