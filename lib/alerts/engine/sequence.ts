import type { SequenceRule } from "../rules/schema";
import { durationMs } from "../rules/schema";
import { ENGINE_EVENT_COLUMNS, type EngineRow, toEngineEvent } from "./events";
import { type Candidate, type EngineEvent, type Evaluator, matches } from "./types";

// Sequence rules: event A (`first`) must be followed on its correlation id by event B
// (`expect`), within `within`, or, when `before` is set, before event C happens. Every new A
// is parked in alert_pending until it can be decided: B seen (no alert), C seen without B
// (alert), or the deadline passed (alert without `before`; nothing with it, since C never
// happened). Parked rows live in Postgres, so a restart picks up where it left off.

const MAX_PENDING = 2_000;

type Pending = { event_id: string; due_at: Date };

function decide(
  rule: SequenceRule,
  first: EngineEvent,
  request: readonly EngineEvent[],
  now: Date,
  due: Date,
): "wait" | "ok" | { missingBefore: EngineEvent | null } {
  const after = request.filter((e) => e.time >= first.time && e.eventId !== first.eventId);
  const expected = after.find((e) => matches(e, rule.expect));
  if (rule.before) {
    const gate = after.find((e) => matches(e, rule.before));
    if (gate) return expected && expected.time <= gate.time ? "ok" : { missingBefore: gate };
    return now >= due ? "ok" : "wait";
  }
  if (expected && expected.time.getTime() <= due.getTime()) return "ok";
  return now >= due ? { missingBefore: null } : "wait";
}

export const evaluateSequence: Evaluator<SequenceRule> = async (rule, { tenantId, events, now, db }) => {
  const withinMs = durationMs(rule.within) as number;
  const starts = events.filter((e) => e.correlationId && matches(e, rule.first, rule.scope));
  for (const start of starts)
    await db.query(
      `INSERT INTO alert_pending (tenant_id, rule_id, event_id, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [tenantId, rule.id, start.eventId, new Date(start.time.getTime() + withinMs)],
    );
  const { rows: pending } = await db.query<Pending>(
    `SELECT event_id, due_at FROM alert_pending WHERE tenant_id = $1 AND rule_id = $2 ORDER BY due_at LIMIT ${MAX_PENDING}`,
    [tenantId, rule.id],
  );
  if (pending.length === 0) return [];
  const { rows } = await db.query<EngineRow>(
    `SELECT ${ENGINE_EVENT_COLUMNS} FROM events e
      WHERE e.tenant_id = $1 AND e.correlation_id IN (
        SELECT correlation_id FROM events WHERE tenant_id = $1 AND event_id = ANY($2::text[]))
      ORDER BY e.time, e.seq`,
    [tenantId, pending.map((p) => p.event_id)],
  );
  const all = rows.map(toEngineEvent);
  const decided: string[] = [];
  const found: Candidate[] = [];
  for (const row of pending) {
    const first = all.find((e) => e.eventId === row.event_id);
    if (!first?.correlationId) {
      decided.push(row.event_id);
      continue;
    }
    const request = all.filter((e) => e.correlationId === first.correlationId);
    const verdict = decide(rule, first, request, now, row.due_at);
    if (verdict === "wait") continue;
    decided.push(row.event_id);
    if (verdict === "ok") continue;
    const gate = verdict.missingBefore;
    found.push({
      ruleId: rule.id,
      groupKey: `correlation:${first.correlationId}`,
      windowKey: first.eventId,
      windowStart: first.time,
      windowEnd: gate?.time ?? row.due_at,
      summary: gate
        ? `${gate.type} ran ${Math.round((gate.time.getTime() - first.time.getTime()) / 1000)}s after ${first.type} with no matching event in between (request ${first.correlationId})`
        : `No matching event followed ${first.type} within ${rule.within} (request ${first.correlationId})`,
      explanation: {
        correlationId: first.correlationId,
        first: { eventId: first.eventId, type: first.type, time: first.time.toISOString() },
        ...(gate ? { before: { eventId: gate.eventId, type: gate.type, time: gate.time.toISOString() } } : {}),
        within: rule.within,
        expected: rule.expect,
      },
      evidenceIds: [first.eventId, ...(gate ? [gate.eventId] : [])],
    });
  }
  if (decided.length)
    await db.query("DELETE FROM alert_pending WHERE tenant_id = $1 AND rule_id = $2 AND event_id = ANY($3::text[])", [
      tenantId,
      rule.id,
      decided,
    ]);
  return found;
};
