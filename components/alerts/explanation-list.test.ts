import { describe, expect, it } from "vitest";
import { explanationRows } from "./explanation-list";

// "Why it fired" must read the numbers every rule kind records, whatever order jsonb returns.
describe("explanationRows", () => {
  it("states a threshold rule's count against its threshold, then its window and group", () => {
    const rows = explanationRows({
      group: "sales-researcher",
      count: 6,
      window: "5m",
      groupBy: "agent",
      threshold: 5,
      last: "2026-11-25T07:01:03.614Z",
    });
    expect(rows).toEqual([
      { term: "Count vs threshold", value: "6 ≥ 5" },
      { term: "Window", value: "5m" },
      { term: "Grouped by", value: "agent" },
      { term: "Group", value: "sales-researcher" },
      { term: "Last", value: "2026-11-25 07:01:03 UTC" },
    ]);
  });

  it("flattens a sequence rule's events and labels unknown keys readably", () => {
    const rows = explanationRows({
      first: { eventId: "e1", type: "policy.evaluated" },
      zScore: 4.56789,
      hourlyMean: 12.5,
    });
    expect(rows).toEqual([
      { term: "First · event id", value: "e1" },
      { term: "First · type", value: "policy.evaluated" },
      { term: "z-score", value: "4.568" },
      { term: "Hourly mean", value: "12.5" },
    ]);
  });
});
