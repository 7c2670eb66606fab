import { describe, expect, it } from "vitest";
import {
  commentText,
  identifier,
  lineCommentText,
  propertyAccess,
  propertyKey,
  stringLiteral,
  typeName,
  uniqueNames,
  valueExpression,
} from "../../generator/emit/literal.js";
import { SecretValue } from "../../generator/model.js";

describe("the escaping layer", () => {
  it.each([
    ["plain", '"plain"'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    ["new\nline", '"new\\nline"'],
    ["line\u2028separator\u2029", '"line\\u2028separator\\u2029"'],
    ["${template} `tick`", '"${template} `tick`"'],
    ["</script>", '"</script>"'],
  ])("stringLiteral(%j) = %s", (text, expected) => {
    expect(stringLiteral(text)).toBe(expected);
    expect(eval(stringLiteral(text))).toBe(text);
  });

  it.each([
    ["resource_name", "resource_name", "resourceMetadata.resource_name"],
    ["my-resource", '"my-resource"', 'resourceMetadata["my-resource"]'],
    ["__proto__", '["__proto__"]', 'resourceMetadata["__proto__"]'],
    ["constructor", "constructor", "resourceMetadata.constructor"],
    ["1st", '"1st"', 'resourceMetadata["1st"]'],
  ])("property key and access for %j", (name, key, access) => {
    expect(propertyKey(name)).toBe(key);
    expect(propertyAccess("resourceMetadata", name)).toBe(access);
  });

  it.each([
    ["resource_name", "ResourceName", "resourceName"],
    ["users-v2", "UsersV2", "usersV2"],
    ["getHTTPResponse", "GetHTTPResponse", "getHTTPResponse"],
    ["2fa codes", "_2faCodes", "_2faCodes"],
    ["class", "Class", "class_"],
    ["*/", "Record_", "record_"],
  ])("typeName/identifier of %j", (name, type, id) => {
    expect(typeName(name)).toBe(type);
    expect(identifier(name)).toBe(id);
  });

  it("makes names unique deterministically", () => {
    expect(uniqueNames(["Users", "Users", "Orders", "Users"], ["Orders"])).toEqual(["Users", "Users2", "Orders2", "Users3"]);
  });

  it("keeps comments closed and single-line comments on one line", () => {
    expect(commentText("a */ b")).toBe("a *\\/ b");
    expect(lineCommentText("a\nb\u2028c")).toBe("a b c");
  });

  it("emits values as literals and secrets as reads of the secrets object", () => {
    expect(
      valueExpression({ limit: 100, tags: ["a", null, true], key: new SecretValue("api_key"), odd: new SecretValue("x-y"), __proto__x: "p" }),
    ).toBe('{ limit: 100, tags: ["a", null, true], key: secrets.api_key, odd: secrets["x-y"], __proto__x: "p" }');
    expect(valueExpression(JSON.parse('{"__proto__": {"polluted": 1}}'))).toBe('{ ["__proto__"]: { polluted: 1 } }');
  });
});
