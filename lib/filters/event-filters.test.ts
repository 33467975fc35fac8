import { describe, expect, it } from "vitest";
import { eventFilterParams, explorerHref, parseEventFilters } from "./event-filters";

const now = new Date("2026-11-28T12:00:00Z");

describe("event filters in the URL", () => {
  it("round-trips every filter", () => {
    const url =
      "range=24h&type=mcp.tool.called,policy.evaluated&outcome=denied&agent=billing-bot&actor=a&onBehalfOf=u-1&client=c&target=stripe.refund&correlationId=req-1&q=refund";
    const filters = parseEventFilters(new URLSearchParams(url), now);
    expect(filters).toMatchObject({
      types: ["mcp.tool.called", "policy.evaluated"],
      outcomes: ["denied"],
      agent: "billing-bot",
      correlationId: "req-1",
      q: "refund",
    });
    expect(filters.range.from.toISOString()).toBe("2026-11-27T12:00:00.000Z");
    expect(parseEventFilters(eventFilterParams(filters), now)).toEqual(filters);
  });

  it("drops unknown outcomes and falls back to the default range", () => {
    const filters = parseEventFilters(new URLSearchParams("outcome=exploded&range=5y"), now);
    expect(filters.outcomes).toEqual([]);
    expect(filters.range.preset).toBe("7d");
  });

  it("keeps custom ranges absolute", () => {
    const filters = parseEventFilters(
      new URLSearchParams("range=custom&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z"),
      now,
    );
    expect(filters.range).toMatchObject({ preset: "custom" });
    expect(explorerHref(filters)).toBe(
      "/events?range=custom&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z",
    );
  });
});
