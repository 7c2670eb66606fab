import { describe, expect, it } from "vitest";
import { AbortError, ConnectorError } from "../../templates/runtime/errors.js";

describe("ConnectorError", () => {
  it("keeps its cause as `new Error(message, { cause })` does: own, non-enumerable, out of toJSON", () => {
    const reason = new Error("the signal's reason");
    const error = new AbortError("Aborted by the caller's signal", { cause: reason, resource: "items" });
    expect((error as { cause?: unknown }).cause).toBe(reason);
    expect(Object.getOwnPropertyDescriptor(error, "cause")).toEqual({ value: reason, writable: true, configurable: true, enumerable: false });
    expect(error.toJSON()).toEqual({ name: "AbortError", message: "Aborted by the caller's signal", resource: "items" });
  });

  it("has no cause property when none is given", () => {
    expect(Object.prototype.hasOwnProperty.call(new ConnectorError("plain"), "cause")).toBe(false);
  });
});
