import { describe, expect, it } from "vitest";
import { closestPaths, matchOperation } from "../../../generator/types/match-operation.js";

const get = { responses: {} };
const spec = (paths: string[], extra: Record<string, unknown> = {}) => ({
  openapi: "3.0.3",
  paths: Object.fromEntries(paths.map((path) => [path, { get }])),
  ...extra,
});

describe("matchOperation", () => {
  it.each([
    ["the same path", spec(["/users"]), "https://api.example.com", "/users", "/users"],
    ["another parameter name", spec(["/users/{user_id}"]), "https://api.example.com", "/users/{id}", "/users/{user_id}"],
    ["a trailing slash on the resource", spec(["/users"]), "https://api.example.com", "/users/", "/users"],
    ["a trailing slash in the spec", spec(["/users/"]), "https://api.example.com", "users", "/users/"],
    ["a value bound into the path", spec(["/users/{id}/repos"]), "https://api.example.com", "/users/42/repos", "/users/{id}/repos"],
    ["a literal over a template", spec(["/users/{id}", "/users/me"]), "https://api.example.com", "/users/me", "/users/me"],
    ["a template for a parent placeholder", spec(["/users/{id}/repos"]), "https://x", "/users/{resources.users.id}/repos", "/users/{id}/repos"],
    ["the base path in base_url", spec(["/v1/users"]), "https://api.example.com/v1", "/users", "/v1/users"],
    ["the base path in servers", spec(["/users"], { servers: [{ url: "https://api.example.com/v1" }] }), "https://api.example.com", "/v1/users", "/users"],
    ["the base path in both", spec(["/users"], { servers: [{ url: "/v1" }] }), "https://api.example.com/v1", "users", "/users"],
    ["a server URL with variables", spec(["/users"], { servers: [{ url: "https://{region}.example.com/v2" }] }), "https://eu.example.com", "/v2/users", "/users"],
    ["Swagger's basePath", spec(["/users"], { basePath: "/api" }), "https://api.example.com", "/api/users", "/users"],
    ["an absolute path", spec(["/v3/users"]), "https://api.example.com/v1", "https://other.example.com/v3/users", "/v3/users"],
  ])("matches %s", (_what, document, baseUrl, path, expected) => {
    expect(matchOperation(document, baseUrl, "GET", path)?.path).toBe(expected);
  });

  it.each([
    ["another method", spec(["/users"]), "POST", "/users"],
    ["a literal against another literal", spec(["/users/me"]), "GET", "/users/you"],
    ["more segments", spec(["/users"]), "GET", "/users/1"],
  ])("does not match %s", (_what, document, method, path) => {
    expect(matchOperation(document, "https://api.example.com", method, path)).toBeUndefined();
  });

  it("names the closest paths for a typo", () => {
    expect(closestPaths(spec(["/v1/resource", "/v1/other", "/admin"]), "/v1/resources", 2)).toEqual(["/v1/resource", "/v1/other"]);
  });
});
