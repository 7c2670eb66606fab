import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, parseRetryAfter, retryDelay } from "../../templates/runtime/retry.js";

describe("retryDelay", () => {
  it.each([
    [1, undefined, 1000],
    [2, undefined, 2000],
    [3, undefined, 4000],
    [3, 250, 250],
    [1, 120_000, 60_000],
  ])("retry %i with Retry-After %s waits %i ms", (retry, retryAfter, expected) => {
    expect(retryDelay(retry, DEFAULT_RETRY, retryAfter)).toBe(expected);
  });

  it("follows the backoff factor", () => {
    expect(retryDelay(3, { ...DEFAULT_RETRY, backoffFactor: 3, initialDelayMs: 10 }, undefined)).toBe(90);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");
  it.each([
    ["5", 5000],
    [" 0 ", 0],
    ["Wed, 25 Nov 2026 10:00:30 GMT", 30_000],
    ["Wed, 25 Nov 2026 09:59:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("%s → %s ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
