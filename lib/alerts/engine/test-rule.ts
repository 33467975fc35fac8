import { pool } from "../../db";
import type { DateRange } from "../../filters/time-range";
import type { AlertRule } from "../rules/schema";
import { evaluatorFor } from "./evaluate";
import { ENGINE_EVENT_COLUMNS, type EngineRow, toEngineEvent } from "./events";
import type { Candidate, EvalContext } from "./types";

// "Test this rule": how often a rule, saved or not, would have fired over a past range, and on
// which events. It replays the range's events through the same evaluator the worker uses,
// inside a transaction that is rolled back, so nothing (not even a pending sequence check)
// is kept.

export const TEST_BATCH = 5_000;
export const MAX_TEST_EVENTS = 200_000;

export type RuleTestResult = {
  alerts: Candidate[];
  eventsScanned: number;
  /** The range held more than MAX_TEST_EVENTS events; only the first were replayed. */
  capped: boolean;
  /** The rule's kind has no evaluator yet. */
  unsupported: boolean;
};

export async function testRule(tenantId: string, rule: AlertRule, range: DateRange): Promise<RuleTestResult> {
  const evaluator = evaluatorFor(rule);
  if (!evaluator) return { alerts: [], eventsScanned: 0, capped: false, unsupported: true };
  const db = await pool().connect();
  let broken = false;
  try {
    await db.query("BEGIN");
    const found = new Map<string, Candidate>();
    const replay = { episodes: new Map<string, number[]>() };
    let afterSeq = -1n;
    let scanned = 0;
    while (scanned < MAX_TEST_EVENTS) {
      const { rows } = await db.query<EngineRow>(
        `SELECT ${ENGINE_EVENT_COLUMNS} FROM events e
          WHERE e.tenant_id = $1 AND e.time >= $2 AND e.time < $3 AND e.seq > $4
          ORDER BY e.seq LIMIT ${TEST_BATCH}`,
        [tenantId, range.from, range.to, afterSeq.toString()],
      );
      if (rows.length === 0) break;
      const events = rows.map(toEngineEvent);
      scanned += events.length;
      afterSeq = BigInt(events[events.length - 1]?.seq ?? afterSeq);
      // Deadlines of sequence rules are judged at the end of the range, as if it were now.
      const context: EvalContext = { tenantId, events, now: range.to, db, replay };
      for (const candidate of await evaluator({ ...rule, enabled: true }, context))
        found.set(`${candidate.groupKey}|${candidate.windowKey}`, candidate);
      if (rows.length < TEST_BATCH) break;
    }
    const capped = scanned >= MAX_TEST_EVENTS;
    return {
      alerts: [...found.values()].sort((a, b) => b.windowEnd.getTime() - a.windowEnd.getTime()),
      eventsScanned: scanned,
      capped,
      unsupported: false,
    };
  } finally {
    await db.query("ROLLBACK").catch(() => {
      broken = true;
    });
    db.release(broken);
  }
}
