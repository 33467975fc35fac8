import { describe, expect, it } from "vitest";
import { newEventId, newSpanId, newTraceId, traceparent } from "./ids";

const CONTRACT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newEventId", () => {
  it("is a UUIDv7 the contract accepts, unique and increasing within a process", () => {
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(ids.every((id) => UUID_V7.test(id) && CONTRACT_ID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as string))).toBe(true);
  });

  it("carries the creation time in its first 48 bits", () => {
    const before = Date.now();
    const id = newEventId();
    const ms = Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 5); // the counter may borrow a few milliseconds
  });
});

describe("traceparent", () => {
  it("formats version 00 with the sampled flag", () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    expect(traceparent(traceId, "00f067aa0ba902b7")).toBe(`00-${traceId}-00f067aa0ba902b7-01`);
    expect(traceparent(traceId, "00f067aa0ba902b7", false)).toBe(`00-${traceId}-00f067aa0ba902b7-00`);
  });

  it("refuses ids the collector would reject", () => {
    expect(() => traceparent("4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7")).toThrow(/traceId/);
    expect(() => traceparent("0".repeat(32), "00f067aa0ba902b7")).toThrow(/traceId/);
    expect(() => traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "abc")).toThrow(/spanId/);
  });

  it("builds from fresh random ids", () => {
    expect(traceparent(newTraceId(), newSpanId())).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
