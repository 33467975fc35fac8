import { pool } from "../../db";
import { testRule } from "../engine/test-rule";
import type { AlertRule } from "./schema";

// "Test this rule" for the rule editor: how many times the rule (saved or not) would have
// fired over the last 24 hours or 7 days, and each time's summary, group, window and evidence
// events, with the correlation id each event belongs to so the UI can link its trace.

export const TEST_RANGES = { "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type TestRange = keyof typeof TEST_RANGES;
/** The editor lists this many firings (newest first) and evidence events per firing. */
export const LISTED_FIRINGS = 50;
export const LISTED_EVIDENCE = 20;

export type EvidenceEvent = { id: string; type: string; time: string; correlationId: string | null };
export type TestFiring = {
  summary: string;
  groupKey: string;
  windowStart: string;
  windowEnd: string;
  evidenceCount: number;
  evidence: EvidenceEvent[];
};
export type RuleTestReport = {
  range: TestRange;
  from: string;
  to: string;
  count: number;
  firings: TestFiring[];
  eventsScanned: number;
  capped: boolean;
  unsupported: boolean;
};

export async function ruleTestReport(
  tenantId: string,
  rule: AlertRule,
  range: TestRange,
  now = new Date(),
): Promise<RuleTestReport> {
  const from = new Date(now.getTime() - TEST_RANGES[range]);
  const result = await testRule(tenantId, rule, { from, to: now });
  const listed = result.alerts.slice(0, LISTED_FIRINGS);
  const ids = [...new Set(listed.flatMap((alert) => alert.evidenceIds.slice(0, LISTED_EVIDENCE)))];
  const events = await evidenceEvents(tenantId, ids);
  return {
    range,
    from: from.toISOString(),
    to: now.toISOString(),
    count: result.alerts.length,
    firings: listed.map((alert) => ({
      summary: alert.summary,
      groupKey: alert.groupKey,
      windowStart: alert.windowStart.toISOString(),
      windowEnd: alert.windowEnd.toISOString(),
      evidenceCount: alert.evidenceIds.length,
      evidence: alert.evidenceIds
        .slice(0, LISTED_EVIDENCE)
        .map((id) => events.get(id) ?? { id, type: "", time: "", correlationId: null }),
    })),
    eventsScanned: result.eventsScanned,
    capped: result.capped,
    unsupported: result.unsupported,
  };
}

async function evidenceEvents(tenantId: string, ids: string[]): Promise<Map<string, EvidenceEvent>> {
  if (ids.length === 0) return new Map();
  const { rows } = await pool().query<{ event_id: string; type: string; time: Date; correlation_id: string | null }>(
    `SELECT event_id, type, time, correlation_id FROM events WHERE tenant_id = $1 AND event_id = ANY($2::text[])`,
    [tenantId, ids],
  );
  return new Map(
    rows.map((row) => [
      row.event_id,
      { id: row.event_id, type: row.type, time: row.time.toISOString(), correlationId: row.correlation_id },
    ]),
  );
}
