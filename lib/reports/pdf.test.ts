import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { type ReportFixture, removeReportDirs, reportFor, seedReportTenant } from "./report-fixture";
import type { Framework, IntegrityStatus } from "./types";

// The PDF a person reads: pdftotext must find the tenant, the period and every section, and the
// first pages are rendered to PNG (test-results/report-pages, git-ignored) for a person to look at.

const PAGES_DIR = path.join(process.cwd(), "test-results", "report-pages");

let fixture: ReportFixture;
beforeAll(async () => {
  fixture = await seedReportTenant("reports-pdf");
  mkdirSync(PAGES_DIR, { recursive: true });
});
afterAll(async () => {
  removeReportDirs();
  await disconnectDb();
});

const SECTION_TITLES = [
  "Summary",
  "Evidence by category",
  "Evidence by actor",
  "Agent inventory",
  "Delegations",
  "Consents",
  "Policy decisions",
  "Approvals",
  "Denials and token rejections",
  "Alerts and how they were handled",
  "Integrity status",
  "Appendix: evidence events",
];

const FAILED: IntegrityStatus = {
  status: "failed",
  verifiedAt: "2026-11-28T12:29:00.000Z",
  eventsChecked: 3_011,
  findings: [
    { kind: "modified", seq: "1204", eventId: "demo-42-1203", detail: "leaf hash differs from the stored event" },
  ],
  checkpoint: {
    seq: "3011",
    chainHead: "ab".repeat(32),
    signedAt: "2026-11-28T12:28:00.000Z",
    keyId: "0123456789abcdef",
  },
};

describe.each(["sox", "hipaa", "pci", "gdpr"] as Framework[])("%s PDF", (framework) => {
  it("shows the tenant, the period, every section and page numbers; its first pages are rendered", async () => {
    const { dir, written } = await reportFor(fixture, framework, ["pdf"], framework === "pci" ? FAILED : undefined);
    const file = path.join(dir, "report.pdf");
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(text).toContain(fixture.name);
    expect(text).toContain(fixture.slug);
    expect(text).toContain(fixture.tenantId);
    expect(text).toContain("2026-11-22 00:00:00 to 2026-11-27 00:00:00");
    expect(text).toContain("2026-11-28 12:30:00");
    for (const title of SECTION_TITLES) expect(text, title).toContain(title);
    if (framework === "gdpr") expect(text).toContain("Records of processing");
    if (framework === "hipaa") expect(text).toContain("Access to PHI");
    if (framework === "pci") {
      expect(text).toContain("FAILED: tampering found");
      expect(text).toContain("leaf hash differs");
    }
    expect(text).toContain(`page 1 of ${pages}`);
    expect(text).toContain(`page ${pages} of ${pages}`);
    expect(text).toContain(`of ${written.evidenceCount.toLocaleString("en-US")} evidence events`);
    expect(text).toContain("Text equivalent:");
    expect(text).not.toContain("?"); // nothing the standard font could not print

    for (const old of readdirSync(PAGES_DIR).filter((f) => f.startsWith(`${framework}-`)))
      rmSync(path.join(PAGES_DIR, old));
    execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "3", file, path.join(PAGES_DIR, framework)]);
    expect(readdirSync(PAGES_DIR).filter((f) => f.startsWith(`${framework}-`) && f.endsWith(".png"))).toHaveLength(3);
  });
});
