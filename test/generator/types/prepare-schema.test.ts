import { describe, expect, it } from "vitest";
import { prepareSchema } from "../../../generator/types/prepare-schema.js";

describe("prepareSchema", () => {
  it.each([
    ["a nullable $ref moves into allOf", { $ref: "#/a", nullable: true, description: "d" }, { description: "d", nullable: true, allOf: [{ $ref: "#/a" }] }],
    ["a plain $ref stays", { $ref: "#/a" }, { $ref: "#/a" }],
    ["x-nullable becomes nullable", { type: "string", "x-nullable": true }, { type: "string", nullable: true }],
    [
      "required from allOf branches is hoisted",
      { allOf: [{ $ref: "#/a" }, { required: ["id"], properties: { b: {} } }] },
      { allOf: [{ $ref: "#/a" }, { required: ["id"], properties: { b: {} } }], required: ["id"] },
    ],
    ["$defs is dropped", { type: "object", $defs: { x: {} }, properties: {} }, { type: "object", properties: {} }],
    [
      "properties named like keywords are left alone",
      { type: "object", properties: { definitions: { type: "string" }, $defs: { type: "integer" } } },
      { type: "object", properties: { definitions: { type: "string" }, $defs: { type: "integer" } } },
    ],
    ["nested schemas are rewritten", { type: "array", items: { type: "string", "x-nullable": true } }, { type: "array", items: { type: "string", nullable: true } }],
    ["examples are not schemas", { type: "object", example: { $ref: "x", nullable: true } }, { type: "object", example: { $ref: "x", nullable: true } }],
  ])("%s", (_what, input, expected) => {
    expect(prepareSchema(input)).toEqual(expected);
  });
});
