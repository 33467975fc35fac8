import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest";
import { event, tenantWithKey } from "@/lib/testing/fixtures";
import { FRAMEWORKS, type ReportRequest, writeReport } from ".";
import { NOT_VERIFIED, removeReportDirs, reportDir } from "./report-fixture";
import { openScope } from "./scope";
import { eventsOverTime } from "./sections-overview";

// The chart's time buckets, and a tenant with nothing in the period: every framework and format
// must still produce a complete, readable report.

afterAll(async () => {
  removeReportDirs();
  await disconnectDb();
});

const request = (tenantId: string, from: string, to: string, framework: ReportRequest["framework"] = "sox") => ({
  tenantId,
  framework,
  from: new Date(from),
  to: new Date(to),
  generatedAt: new Date("2026-12-01T00:00:00.000Z"),
  generatedBy: "test",
});

describe("events over time", () => {
  it("buckets by day, week or month with the length of the period, empty buckets included", async () => {
    const { tenant } = await tenantWithKey("rep-buckets");
    const times = [
      "2026-09-03T10:00:00.000Z",
      "2026-09-03T23:59:59.999Z",
      "2026-10-15T00:00:00.000Z",
      "2026-11-27T12:00:00.000Z",
    ];
    const stored = await ingestEvents(
      tenant.id,
      times.map((time) => event({ time })),
    );
    expect(stored.accepted, JSON.stringify(stored.rejected)).toBe(times.length);
    const days = await eventsOverTime(
      await openScope(request(tenant.id, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")),
    );
    expect(days.unit).toBe("day");
    expect(days.series).toHaveLength(30);
    expect(days.series.filter((p) => p.value > 0)).toEqual([{ label: "2026-11-27", value: 1 }]);

    const weeks = await eventsOverTime(
      await openScope(request(tenant.id, "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z")),
    );
    expect(weeks.unit).toBe("week");
    expect(weeks.series.length).toBeGreaterThanOrEqual(13);
    expect(weeks.series.reduce((s, p) => s + p.value, 0)).toBe(4);
    expect(weeks.series.find((p) => p.label === "2026-08-31")?.value).toBe(2); // the Monday of 3 September

    const months = await eventsOverTime(
      await openScope(request(tenant.id, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")),
    );
    expect(months.unit).toBe("month");
    expect(months.series.map((p) => p.label)).toHaveLength(12);
    expect(months.series.filter((p) => p.value > 0)).toEqual([
      { label: "2026-09", value: 2 },
      { label: "2026-10", value: 1 },
      { label: "2026-11", value: 1 },
    ]);
  });
});

describe("an empty period", () => {
  it.each(FRAMEWORKS)("still yields a complete %s report", async (framework) => {
    const { tenant } = await tenantWithKey("rep-empty");
    const dir = reportDir(`empty-${framework}`);
    const written = await writeReport(
      request(tenant.id, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", framework),
      ["pdf", "csv", "json"],
      dir,
      { integrity: NOT_VERIFIED },
    );
    expect(written).toMatchObject({ evidenceCount: 0, eventRange: { count: 0, firstSeq: null, lastSeq: null } });
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "report.pdf"), "-"]).toString();
    expect(text).toContain("None in this period.");
    expect(text).toContain("Integrity status");
  });
});
