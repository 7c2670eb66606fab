import { describe, expect, it } from "vitest";
import { ConfigError } from "../../generator/errors.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { validateConfig } from "../../generator/validate/validate-config.js";

/** dlt `columns` hints as a config gives them: keys as column hints, `resource_defaults` merged column by column. */
function resources(resourceDefaults: Record<string, unknown> | undefined, ...resources: Record<string, unknown>[]) {
  const config = { client: { base_url: "https://api.example.com" }, ...(resourceDefaults === undefined ? {} : { resource_defaults: resourceDefaults }), resources };
  return normalize(validateConfig(config)).resources;
}

describe("columns hints", () => {
  it("primary_key and merge_key given as column hints become the resource's keys, in column order", () => {
    const [resource] = resources(undefined, { name: "r", columns: [{ name: "org", primary_key: true }, { name: "id", primary_key: true }, { name: "day", merge_key: true }] });
    expect(resource).toMatchObject({ primaryKey: ["org", "id"], mergeKey: "day" });
  });

  it("a resource's own primary_key and merge_key win over its columns' hints, as in dlt", () => {
    const [resource] = resources(undefined, { name: "r", primary_key: "id", merge_key: "day", columns: { org: { primary_key: true }, month: { merge_key: true } } });
    expect(resource).toMatchObject({ primaryKey: "id", mergeKey: "day" });
  });

  it("resource_defaults columns merge with a resource's column by column, hints deep-merged, the resource's winning", () => {
    const [withOwn, withoutOwn] = resources(
      { columns: [{ name: "deleted", hard_delete: true, data_type: "text" }, { name: "ts", dedup_sort: "asc" }] },
      { name: "a", columns: { deleted: { data_type: "bool" }, extra: { nullable: false } } },
      { name: "b" },
    );
    expect(withOwn!.columns).toEqual({
      deleted: { name: "deleted", hard_delete: true, data_type: "bool" },
      ts: { name: "ts", dedup_sort: "asc" },
      extra: { nullable: false },
    });
    expect(withoutOwn!.columns).toEqual({ deleted: { name: "deleted", hard_delete: true, data_type: "text" }, ts: { name: "ts", dedup_sort: "asc" } });
  });

  it("more than one hard_delete or dedup_sort column is an error naming the columns", () => {
    let error: unknown;
    try {
      resources({ columns: { gone: { hard_delete: true } } }, { name: "r", columns: { deleted: { hard_delete: true }, a: { dedup_sort: "asc" }, b: { dedup_sort: "desc" } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map(({ path, message }) => [path, message])).toEqual([
      ["resources[0].columns", 'more than one column has hard_delete ("gone", "deleted"); a table can have one'],
      ["resources[0].columns", 'more than one column has dedup_sort ("a", "b"); a table can have one'],
    ]);
  });
});
