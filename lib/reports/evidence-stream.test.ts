import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest";
import { event, tenantWithKey } from "@/lib/testing/fixtures";
import { type ReportRequest, writeReport } from ".";
import { countEvidence, evidenceBatches } from "./evidence";
import { globToLike } from "./phi";
import { NOT_VERIFIED, removeReportDirs, reportDir } from "./report-fixture";
import { openScope } from "./scope";

// The evidence stream: keyset pages over (time, seq) when many events share a timestamp, PHI
// globs whose other characters are literal in SQL, and the progress the export job shows.

afterAll(async () => {
  removeReportDirs();
  await disconnectDb();
});

const T = "2026-11-20T10:00:00.000Z";
const request = (tenantId: string, framework: ReportRequest["framework"]): ReportRequest => ({
  tenantId,
  framework,
  from: new Date("2026-11-20T00:00:00.000Z"),
  to: new Date("2026-11-21T00:00:00.000Z"),
  generatedAt: new Date("2026-11-21T00:00:00.000Z"),
  generatedBy: "test",
});

describe("evidence stream", () => {
  it("pages by (time, seq) without skipping or repeating events that share a timestamp", async () => {
    const { tenant } = await tenantWithKey("rep-keyset");
    // 60 evidence events (agent lifecycle, SOX) and 40 others, mostly at one instant, interleaved.
    const sent = Array.from({ length: 100 }, (_, i) =>
      event({
        type: i % 5 < 3 ? "agent.registered" : "mcp.tool.called",
        time: i < 70 ? T : i < 85 ? "2026-11-20T10:00:00.001Z" : "2026-11-20T09:59:59.999Z",
        target: { type: "agent", id: `a-${i}` },
      }),
    );
    const result = await ingestEvents(tenant.id, sent);
    expect(result.accepted).toBe(100);
    const scope = await openScope(request(tenant.id, "sox"));
    const expected = await prisma.event.findMany({
      where: { tenantId: tenant.id, type: "agent.registered" },
      orderBy: [{ time: "asc" }, { seq: "asc" }],
      select: { seq: true },
    });
    expect(expected).toHaveLength(60);
    for (const batchSize of [1, 7, 30, 59, 60, 61, 2_000]) {
      const seqs: string[] = [];
      for await (const batch of evidenceBatches(scope, { batchSize })) {
        expect(batch.length).toBeLessThanOrEqual(batchSize);
        seqs.push(...batch.map((r) => r.seq));
      }
      expect(seqs, `batch size ${batchSize}`).toEqual(expected.map((e) => String(e.seq)));
    }
    const limited: string[] = [];
    for await (const batch of evidenceBatches(scope, { batchSize: 7, limit: 20 }))
      limited.push(...batch.map((r) => r.seq));
    expect(limited).toEqual(expected.slice(0, 20).map((e) => String(e.seq)));
  });

  it("ignores events stored after the report started (its seq bound)", async () => {
    const { tenant } = await tenantWithKey("rep-bound");
    await ingestEvents(tenant.id, [event({ type: "agent.registered", time: T })]);
    const scope = await openScope(request(tenant.id, "sox"));
    await ingestEvents(tenant.id, [event({ type: "agent.registered", time: T })]);
    expect((await countEvidence(scope)).find((c) => c.id === "sox.agent_lifecycle")?.count).toBe(1);
    let streamed = 0;
    for await (const batch of evidenceBatches(scope)) streamed += batch.length;
    expect(streamed).toBe(1);
  });
});

describe("PHI patterns", () => {
  it("turn * into a wildcard and keep LIKE's own metacharacters literal", async () => {
    expect(globToLike("ehr_x/*")).toBe("ehr\\_x/%");
    expect(globToLike("100%*")).toBe("100\\%%");
    expect(globToLike("a\\b*")).toBe("a\\\\b%");

    const { tenant } = await tenantWithKey("rep-phi");
    await prisma.tenant.update({
      where: { id: tenant.id },
      data: { phiPatterns: ["ehr_x/*", "100%*", "a\\b", "*.example/phi"] },
    });
    const targets = {
      "ehr_x/1": true,
      "ehrAx/1": false,
      ehr_x: false,
      "100%/a": true,
      "1000/a": false,
      "a\\b": true,
      ab: false,
      "x.y.example/phi": true,
      "x.y.example/phi2": false,
    };
    const result = await ingestEvents(
      tenant.id,
      Object.keys(targets).map((id) => event({ type: "mcp.resource.read", time: T, target: { type: "resource", id } })),
    );
    expect(result.accepted).toBe(Object.keys(targets).length);
    const scope = await openScope(request(tenant.id, "hipaa"));
    const matched: string[] = [];
    for await (const batch of evidenceBatches(scope)) matched.push(...batch.map((r) => r.targetId as string));
    expect(matched.sort()).toEqual(
      Object.entries(targets)
        .filter(([, hit]) => hit)
        .map(([id]) => id)
        .sort(),
    );
  });

  it("select nothing when the tenant has none, and the report says so", async () => {
    const { tenant } = await tenantWithKey("rep-nophi");
    await ingestEvents(tenant.id, [
      event({ type: "mcp.resource.read", time: T, target: { type: "resource", id: "ehr://1" } }),
    ]);
    const dir = reportDir("nophi");
    const written = await writeReport(request(tenant.id, "hipaa"), ["json", "csv"], dir, { integrity: NOT_VERIFIED });
    expect(written.evidenceCount).toBe(0);
    expect(readFileSync(path.join(dir, "report.json"), "utf8")).toContain("No PHI patterns are configured");
  });
});

describe("progress", () => {
  it("reports summary, then events up to the counted total, then pdf", async () => {
    const { tenant } = await tenantWithKey("rep-progress");
    const stored = await ingestEvents(
      tenant.id,
      Array.from({ length: 30 }, () =>
        event({ type: "client.registered", time: T, target: { type: "client", id: "c" } }),
      ),
    );
    expect(stored.accepted, JSON.stringify(stored.rejected[0])).toBe(30);
    const seen: { phase: string; done: number; total: number }[] = [];
    const dir = reportDir("progress");
    const written = await writeReport(request(tenant.id, "pci"), ["pdf", "csv", "json"], dir, {
      integrity: NOT_VERIFIED,
      onProgress: (p) => {
        seen.push(p);
      },
    });
    expect(written.evidenceCount).toBe(30);
    expect(written.files.map((f) => f.name).sort()).toEqual([
      "events.ndjson",
      "report.csv",
      "report.json",
      "report.pdf",
    ]);
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(["summary", "events", "pdf"]);
    const events = seen.filter((p) => p.phase === "events");
    expect(events[0]).toEqual({ phase: "events", done: 0, total: 30 });
    expect(events[events.length - 1]).toEqual({ phase: "events", done: 30, total: 30 });
    expect(seen[seen.length - 1]).toEqual({ phase: "pdf", done: 1, total: 1 });

    // A PDF alone reads only its appendix's rows, yet states and reports the whole count.
    const pdfOnly: typeof seen = [];
    const pdfDir = reportDir("progress-pdf");
    const alone = await writeReport(request(tenant.id, "pci"), ["pdf"], pdfDir, {
      integrity: NOT_VERIFIED,
      onProgress: (p) => {
        pdfOnly.push(p);
      },
    });
    expect(alone).toMatchObject({ evidenceCount: 30, files: [{ name: "report.pdf" }] });
    expect(pdfOnly.filter((p) => p.phase === "events").at(-1)).toEqual({ phase: "events", done: 30, total: 30 });
  });
});

describe("a folder that cannot be written", () => {
  it.each([["pdf"], ["csv"], ["json"]] as const)(
    "fails the %s report with the error, not the process",
    async (format) => {
      const { tenant } = await tenantWithKey("rep-nodir");
      await ingestEvents(tenant.id, [
        event({ type: "client.registered", time: T, target: { type: "client", id: "c" } }),
      ]);
      const missing = path.join(reportDir("nodir"), "missing", "folder");
      await expect(
        writeReport(request(tenant.id, "pci"), [format], missing, { integrity: NOT_VERIFIED }),
      ).rejects.toThrow(/ENOENT/);
    },
  );
});
