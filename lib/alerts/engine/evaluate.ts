import { pool } from "../../db";
import { log } from "../../log";
import { enqueueNotifications } from "../notify/enqueue";
import type { AlertRule } from "../rules/schema";
import { currentRuleSet } from "../rules/store";
import { detectorEvaluator } from "./detectors";
import { eventsAfterSeq } from "./events";
import { evaluateSequence } from "./sequence";
import { evaluateThreshold } from "./threshold";
import type { Candidate, EvalContext, Evaluator } from "./types";

// One evaluation step for one tenant, in one transaction: read the next batch of committed
// events after the tenant's cursor, run every enabled rule on it, store the alerts (unique
// per rule, group and window: a retry finds them already there) and move the cursor. If the
// process dies midway, nothing of the step is kept and the next step redoes it, so every
// alert is raised exactly once. A transaction-scoped advisory lock lets only one worker
// evaluate a tenant at a time; another worker skips it.

export const BATCH_SIZE = 5_000;

const EVALUATORS: { [K in AlertRule["kind"]]?: Evaluator<Extract<AlertRule, { kind: K }>> } = {
  threshold: evaluateThreshold,
  sequence: evaluateSequence,
  detector: detectorEvaluator,
};

/** The evaluator of a rule's kind. */
export function evaluatorFor(rule: AlertRule): Evaluator | undefined {
  return EVALUATORS[rule.kind] as Evaluator | undefined;
}

export type StepResult = { skipped: boolean; events: number; alerts: number; lastSeq: bigint; ruleSetVersion: number };

export async function evaluateTenant(
  tenantId: string,
  options: { now?: Date; batchSize?: number } = {},
): Promise<StepResult> {
  const db = await pool().connect();
  let broken = false;
  try {
    await db.query("BEGIN");
    const { rows: lock } = await db.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_xact_lock(hashtextextended('attest:alerts:' || $1, 0)) AS locked",
      [tenantId],
    );
    if (!lock[0]?.locked) {
      await db.query("ROLLBACK");
      return { skipped: true, events: 0, alerts: 0, lastSeq: -1n, ruleSetVersion: -1 };
    }
    await db.query("INSERT INTO alert_cursors (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING", [tenantId]);
    const { rows: cursor } = await db.query<{ last_seq: string }>(
      "SELECT last_seq FROM alert_cursors WHERE tenant_id = $1",
      [tenantId],
    );
    const afterSeq = BigInt(cursor[0]?.last_seq ?? "0");
    const events = await eventsAfterSeq(db, tenantId, afterSeq, options.batchSize ?? BATCH_SIZE);
    const { version, ruleSet } = await currentRuleSet(tenantId);
    const context: EvalContext = { tenantId, events, now: options.now ?? new Date(), db };
    let stored = 0;
    for (const rule of ruleSet.rules) {
      if (!rule.enabled) continue;
      const evaluator = evaluatorFor(rule);
      if (!evaluator) continue;
      const candidates = await evaluator(rule, context);
      stored += await storeAlerts(db, tenantId, rule, version, candidates);
    }
    const lastSeq = events.length ? BigInt(events[events.length - 1]?.seq ?? afterSeq) : afterSeq;
    await db.query("UPDATE alert_cursors SET last_seq = $2, evaluated_at = now() WHERE tenant_id = $1", [
      tenantId,
      lastSeq.toString(),
    ]);
    await db.query("COMMIT");
    if (stored) log.info({ tenantId, alerts: stored, events: events.length }, "alerts raised");
    return { skipped: false, events: events.length, alerts: stored, lastSeq, ruleSetVersion: version };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    db.release(broken);
  }
}

async function storeAlerts(
  db: EvalContext["db"],
  tenantId: string,
  rule: AlertRule,
  version: number,
  candidates: readonly Candidate[],
): Promise<number> {
  let stored = 0;
  for (const c of candidates) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO alerts (id, tenant_id, rule_id, rule_version, rule_name, severity, group_key, window_key,
         window_start, window_end, summary, explanation, evidence_ids)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, rule_id, group_key, window_key) DO NOTHING
       RETURNING id`,
      [
        tenantId,
        rule.id,
        version,
        rule.name,
        rule.severity,
        c.groupKey,
        c.windowKey,
        c.windowStart,
        c.windowEnd,
        c.summary,
        c.explanation,
        c.evidenceIds,
      ],
    );
    const alertId = rows[0]?.id;
    if (!alertId) continue;
    stored += 1;
    // In this transaction: a webhook job exists exactly when its alert is committed.
    await enqueueNotifications(db, tenantId, { id: alertId, notify: rule.notify });
  }
  return stored;
}

/** Runs steps until the tenant is caught up (or `maxSteps`); returns the alerts raised. */
export async function evaluateUntilCaughtUp(tenantId: string, options: { now?: Date; maxSteps?: number } = {}) {
  let alerts = 0;
  for (let step = 0; step < (options.maxSteps ?? 100); step++) {
    const result = await evaluateTenant(tenantId, options);
    alerts += result.alerts;
    if (result.skipped || result.events < BATCH_SIZE) break;
  }
  return alerts;
}
