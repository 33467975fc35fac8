import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Sat, 28 Nov 2026 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 11:59:00 GMT", now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("backoffDelay (full jitter)", () => {
  it("spans 0 up to the doubled ceiling", () => {
    expect(backoffDelay(0, 250, 30_000, () => 0)).toBe(0);
    expect(backoffDelay(0, 250, 30_000, () => 0.999999)).toBe(249);
    expect(backoffDelay(3, 250, 30_000, () => 0.5)).toBe(1000);
  });

  it("never exceeds the cap", () => {
    expect(backoffDelay(20, 250, 30_000, () => 0.999999)).toBeLessThan(30_000);
    expect(backoffDelay(2000, 250, 30_000, () => 0.999999)).toBeLessThan(30_000);
  });
});
