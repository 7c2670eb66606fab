import { describe, expect, it } from "vitest";
import { expandJson, expandQuery, expandString, PlaceholderError, type PlaceholderValues } from "../../templates/runtime/placeholders.js";

const values: PlaceholderValues = {
  parent: { name: "posts", record: { id: 7, slug: "a b/c", author: { id: "u1" }, tags: ["x"], nothing: null } },
  incremental: { start_value: "2026-01-01", last_value: "2026-01-01", initial_value: "2025-01-01", end_value: null },
};

describe("placeholders", () => {
  it.each([
    ["posts/{resources.posts.id}/comments", "posts/7/comments"],
    ["{resources.posts.author.id}", "u1"],
    ["since {incremental.start_value}", "since 2026-01-01"],
    ["literal {{braces}} stay", "literal {braces} stay"],
    ["no placeholders", "no placeholders"],
  ])("expands %j in strings", (template, expected) => {
    expect(expandString(template, values)).toBe(expected);
  });

  it("URL-encodes values placed in a path", () => {
    expect(expandString("posts/{resources.posts.slug}", values, encodeURIComponent)).toBe("posts/a%20b%2Fc");
  });

  it("keeps the type of a sole placeholder in a JSON body, and formats the rest as text", () => {
    expect(
      expandJson({ filter: { post: "{resources.posts.id}", label: "post {resources.posts.id}", tags: "{resources.posts.tags}" }, n: 1 }, values),
    ).toEqual({ filter: { post: 7, label: "post 7", tags: ["x"] }, n: 1 });
  });

  it("drops a query param whose sole placeholder is null", () => {
    expect(expandQuery({ until: "{incremental.end_value}", since: "{incremental.start_value}", limit: 5 }, values)).toEqual({
      since: "2026-01-01",
      limit: 5,
    });
  });

  it.each([
    ["{resources.posts.missing}", /the posts record has no field "missing" \(it has: id, slug, author, tags, nothing\)/],
    ["{resources.users.id}", /cannot be filled/],
    ["{unknown}", /cannot be filled/],
    ["unclosed {resources.posts.id", /unclosed/],
  ])("rejects %j", (template, message) => {
    expect(() => expandString(template, values)).toThrow(PlaceholderError);
    expect(() => expandString(template, values)).toThrow(message);
  });
});
