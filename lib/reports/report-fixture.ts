import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "../db";
import { type DemoEvent, generateDemoEvents } from "../demo";
import { seedDemo } from "../demo/seed";
import { ingestEvents } from "../ingest";
import { writeReport } from ".";
import type { Framework, IntegrityStatus, ReportFormat, ReportRequest, WrittenReport } from "./types";

// For tests only: the seeded demo in its own tenant, plus dashboard self-audit events (one of
// them carrying spreadsheet formulas), alerts with their handling, and PHI patterns, so every
// framework and section has something to count.

export const NOW = "2026-11-28T12:00:00.000Z";
export const PERIOD = { from: new Date("2026-11-22T00:00:00.000Z"), to: new Date("2026-11-27T00:00:00.000Z") };
export const PHI_PATTERNS = ["workday.*", "warehouse://schemas/*", "greenhouse.search_candidates"];
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","open")';

const admin = { type: "user" as const, id: "admin@demo.example", name: "Dana Admin" };

function selfAudit(suffix: string): DemoEvent[] {
  const at = (minute: number) => new Date(Date.parse("2026-11-24T10:00:00.000Z") + minute * 60_000).toISOString();
  const e = (n: number, type: string, extra: Partial<DemoEvent> = {}): DemoEvent => ({
    id: `sa-${suffix}-${n}`,
    type,
    time: at(n),
    actor: admin,
    source: { service: "attest-dashboard", ip: "10.0.0.1" },
    ...extra,
  });
  return [
    e(1, "x-attest.member.role_changed", { target: { type: "user", id: "ann@demo.example" } }),
    e(2, "x-attest.ingest_key.created", { target: { type: "x-ingest-key", id: "ak_1" } }),
    e(3, "x-attest.api_token.revoked", { target: { type: "x-api-token", id: "at_1" } }),
    e(4, "x-attest.export.requested", { attributes: { framework: "pci" } }),
    e(5, "x-attest.auth.sign_in_failed", { outcome: "failure", reason: "wrong password" }),
    e(6, "x-attest.rules.changed"),
    e(7, "x-attest.webhook.created"),
    // Every text cell here would run as a formula in a spreadsheet if written as is.
    e(8, "x-attest.settings.changed", {
      id: `-sa-${suffix}-8`,
      actor: { type: "user", id: "@mallory", name: FORMULA_NAME },
      outcome: "failure",
      reason: "+SUM(1,2)",
      source: { service: "-cmd|' /C calc'!A0", ip: "10.0.0.2" },
    }),
    e(9, "x-attest.auth.signed_in"),
    e(10, "x-attest.agent.suspended", { target: { type: "agent", id: "sales-researcher" } }),
    e(12, "x-attest.user.password_reset", { target: { type: "user", id: "ann@demo.example" } }),
    e(13, "x-attest.export.downloaded"),
    // An agent using the data of a person who never consented to it (GDPR flags it).
    e(14, "mcp.tool.called", {
      actor: { type: "agent", id: "support-assistant" },
      onBehalfOf: { type: "user", id: "nobody@northwind.example" },
      client: { id: "dcr_never_consented", kind: "ai_agent", registration: "dynamic" },
      target: { type: "tool", id: "zendesk.create_ticket" },
      scopes: ["tickets:write"],
      source: { service: "mcp.support.northwind.example" },
    }),
    // After the period: counted by nothing.
    { ...e(11, "x-attest.member.role_changed"), time: "2026-11-27T01:00:00.000Z" },
  ];
}

export type ReportFixture = { tenantId: string; slug: string; name: string; sent: DemoEvent[] };

export async function seedReportTenant(label: string): Promise<ReportFixture> {
  const slug = `${label}-${randomBytes(4).toString("hex")}`;
  const seeded = await seedDemo({ seed: 42, events: 3_000, tenantSlug: slug, now: NOW });
  if (seeded.rejected) throw new Error(`demo rejected: ${seeded.rejections.join("; ")}`);
  const extra = selfAudit(slug);
  // As lib/audit/record.ts stores them, but at chosen times inside the period.
  const result = await ingestEvents(seeded.tenant.id, extra, { allowReservedTypes: true });
  if (result.accepted !== extra.length)
    throw new Error(`self-audit fixture rejected: ${JSON.stringify(result.rejected)}`);
  await prisma.tenant.update({
    where: { id: seeded.tenant.id },
    data: { phiPatterns: PHI_PATTERNS, name: `Northwind ${slug}` },
  });
  await seedAlerts(seeded.tenant.id);
  const sent = [...generateDemoEvents({ seed: 42, count: 3_000, now: NOW, tenant: slug }), ...extra];
  return { tenantId: seeded.tenant.id, slug, name: `Northwind ${slug}`, sent };
}

/** Two alerts in the period (one acknowledged after 60 s and resolved after 300 s, with a note; one open) and one before it. */
async function seedAlerts(tenantId: string): Promise<void> {
  const fired = new Date("2026-11-25T08:00:00.000Z");
  const alert = (n: number, firedAt: Date, status: string) =>
    prisma.alert.create({
      data: {
        tenantId,
        ruleId: `rule-${n}`,
        ruleVersion: 1,
        ruleName: `Rule ${n}`,
        severity: n === 1 ? "high" : "medium",
        groupKey: "",
        windowKey: String(n),
        windowStart: firedAt,
        windowEnd: firedAt,
        firedAt,
        summary: `alert ${n}`,
        explanation: {},
        evidenceIds: [],
        status,
      },
    });
  const first = await alert(1, fired, "resolved");
  await alert(2, new Date("2026-11-26T09:00:00.000Z"), "open");
  await alert(3, new Date("2026-11-21T09:00:00.000Z"), "open");
  const note = (kind: string, body: string, seconds: number) =>
    prisma.alertNote.create({
      data: {
        tenantId,
        alertId: first.id,
        author: "ann@demo.example",
        kind,
        body,
        createdAt: new Date(fired.getTime() + seconds * 1000),
      },
    });
  await note("status", "open → acknowledged", 60);
  await note("note", "looked at it", 120);
  await note("status", "acknowledged → resolved", 300);
}

const dirs: string[] = [];

/** A fresh, empty folder for one report; removeReportDirs deletes them all. */
export function reportDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `attest-report-${label}-`));
  dirs.push(dir);
  return dir;
}

export function removeReportDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const NOT_VERIFIED: IntegrityStatus = {
  status: "not_verified",
  verifiedAt: null,
  eventsChecked: 0,
  findings: [],
  checkpoint: null,
  note: "The test did not run the verifier.",
};

export async function reportFor(
  fixture: ReportFixture,
  framework: Framework,
  formats: ReportFormat[] = ["pdf", "csv", "json"],
  integrity: IntegrityStatus = NOT_VERIFIED,
): Promise<{ dir: string; written: WrittenReport; request: ReportRequest }> {
  const dir = reportDir(framework);
  const request: ReportRequest = {
    tenantId: fixture.tenantId,
    framework,
    ...PERIOD,
    generatedAt: new Date("2026-11-28T12:30:00.000Z"),
    generatedBy: "auditor@demo.example",
  };
  const written = await writeReport(request, formats, dir, { integrity });
  return { dir, written, request };
}

/** RFC 4180 CSV into rows of cells (enough for the report's own output). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}
