import { beforeAll, describe, expect, it } from "vitest";
import { loadHashing, randomRowId, shortHash } from "../../templates/runtime/sync/hash.js";
import { normalizeIdentifier, normalizePath } from "../../templates/runtime/sync/naming.js";

beforeAll(loadHashing);

// Verified against dlt 1.26 (snake_case naming, identifier shortening, row id hashes).
describe("dlt snake_case naming", () => {
  it.each([
    ["customerId", "customer_id"],
    ["Customer ID", "customer_id"],
    ["user-key", "user_key"],
    ["1st_place", "_1st_place"],
    ["HTTPServer", "http_server"],
    ["getHTTPResponseCode", "get_http_response_code"],
    ["camelCase2Go", "camel_case2_go"],
    ["UPPER_CASE", "upper_case"],
    ["a+b", "axb"],
    ["a*b", "axb"],
    ["a@b", "aab"],
    ["a|b", "alb"],
    ["a.b", "a_b"],
    ["mixed-Case Key!", "mixed_case_keyx"],
    ["_x_", "_xx"],
    ["a__b", "a__b"],
    ["trail__", "trail"],
    ["__dunder", "dunder"],
    ["Ção ünï", "_o_nx"],
    ["emoji😀x", "emoji_x"],
    ["日本語", "x"],
    ["", "_empty"],
    ["   ", "_empty"],
    ["My Table-Name", "my_table_name"],
  ])("key %j becomes column %j", (key, column) => {
    expect(normalizePath(key)).toBe(column);
  });

  it.each([
    ["a__b", "a_b"],
    ["trail__", "trailxx"],
    ["__dunder", "_dunder"],
  ])("identifier %j (no path split) becomes %j", (name, normalized) => {
    expect(normalizeIdentifier(name)).toBe(normalized);
  });

  it("shortens a name over the limit to start + hash tag + end (Postgres, 63)", () => {
    const long = "a_very_long_column_name_that_goes_beyond_the_postgres_limit_of_sixty_three_chars";
    expect(normalizePath(long, 63)).toBe("a_very_long_column_name_that_rbzzags_limit_of_sixty_three_chars");
    expect(normalizePath(long)).toBe(long);
    const name300 = `${"x".repeat(150)}Y${"z".repeat(149)}`;
    expect(normalizePath(name300, 63)).toHaveLength(63);
    expect(normalizePath(name300, 63)).not.toBe(normalizePath(`${"x".repeat(151)}${"z".repeat(149)}`, 63));
  });
});

describe("dlt row id hashes", () => {
  it.each([
    ['{"id":1}', "z5jIxXIbUnmbKw"],
    ['{"id":1,"l":[1],"v":"a"}', "I+e1ooEMDlPuqw"],
    ["YzGisRJAO9GRcw_users__items_0", "MAJoWw897b0auQ"],
  ])("shake128(%j) is %j", (input, id) => {
    expect(shortHash(input, 10)).toBe(id);
  });

  it("random ids are 14 base64 characters", () => {
    expect(randomRowId()).toMatch(/^[A-Za-z0-9+/]{14}$/);
  });
});
