import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { parseRuleSet } from "../rules/document";
import { applyRuleSet } from "../rules/store";
import { evaluateTenant, evaluateUntilCaughtUp } from "./evaluate";

// The evaluation loop against real Postgres: threshold and sequence rules fire on the events
// that must fire them and not on near misses, and each alert is stored exactly once however
// often a step is retried, replayed or run concurrently.

const at = (minutes: number) => new Date(Date.parse("2026-11-20T10:00:00Z") + minutes * 60_000).toISOString();
const NOW = new Date("2026-11-20T12:00:00Z");

async function tenantWithRules(yaml: string) {
  const { tenant, key } = await tenantWithKey("engine");
  const parsed = parseRuleSet(`version: 1\nrules:\n${yaml}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await applyRuleSet(tenant.id, parsed.ruleSet, { actor: "user:test", source: "ui" });
  const send = async (events: Record<string, unknown>[]) => expect((await postEvents(key, events)).status).toBe(200);
  return { tenantId: tenant.id, send };
}

async function alertsOf(tenantId: string) {
  const { rows } = await pool().query<{
    rule_id: string;
    group_key: string;
    window_key: string;
    summary: string;
    explanation: Record<string, unknown>;
    evidence_ids: string[];
  }>(
    "SELECT rule_id, group_key, window_key, summary, explanation, evidence_ids FROM alerts WHERE tenant_id = $1 ORDER BY fired_at, group_key",
    [tenantId],
  );
  return rows;
}

const THRESHOLD = `
  - id: denial-burst
    name: Denial burst
    severity: high
    kind: threshold
    match: { types: [policy.evaluated], decisions: [deny] }
    groupBy: agent
    count: 5
    window: 5m
`;

const denial = (agent: string, minute: number) =>
  event({
    type: "policy.evaluated",
    time: at(minute),
    outcome: "denied",
    reason: "blocked",
    actor: { type: "agent", id: agent },
    policy: { id: "pii-guard", decision: "deny" },
  });

describe("threshold rules", () => {
  it("fires once per group and window when the count is reached, and not for near misses", async () => {
    const { tenantId, send } = await tenantWithRules(THRESHOLD);
    await send([
      // bot-a: five denials within 4 minutes, then two more: one alert.
      ...[0, 1, 2, 3, 3.5, 4, 4.5].map((m) => denial("bot-a", m)),
      // bot-b: four denials: below the threshold.
      ...[0, 1, 2, 3].map((m) => denial("bot-b", m)),
      // bot-c: five denials spread over 12 minutes: never five within 5 minutes.
      ...[0, 3, 6, 9, 12].map((m) => denial("bot-c", m)),
      // Allowed decisions by bot-b do not count.
      ...[0.5, 1.5].map((m) =>
        event({
          type: "policy.evaluated",
          time: at(m),
          actor: { type: "agent", id: "bot-b" },
          policy: { id: "p", decision: "allow" },
        }),
      ),
    ]);
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(1);
    const [alert] = await alertsOf(tenantId);
    expect(alert).toMatchObject({ rule_id: "denial-burst", group_key: "agent:bot-a" });
    expect(alert?.explanation).toMatchObject({ count: 5, threshold: 5, window: "5m", group: "bot-a" });
    expect(alert?.evidence_ids).toHaveLength(5);
  });

  it("counts across batches and keeps exactly one alert through retries, replays and concurrent workers", async () => {
    const { tenantId, send } = await tenantWithRules(THRESHOLD);
    await send([0, 1, 2].map((m) => denial("bot-a", m)));
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(0);
    await send([3, 4].map((m) => denial("bot-a", m)));
    // Two workers at once: one evaluates, the other skips the tenant.
    const [one, two] = await Promise.all([
      evaluateTenant(tenantId, { now: NOW }),
      evaluateTenant(tenantId, { now: NOW }),
    ]);
    expect([one.skipped, two.skipped].sort()).toEqual([false, true]);
    expect(one.alerts + two.alerts).toBe(1);
    // A restart that lost the cursor replays every event: nothing new is raised.
    await pool().query("UPDATE alert_cursors SET last_seq = 0 WHERE tenant_id = $1", [tenantId]);
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(0);
    expect(await alertsOf(tenantId)).toHaveLength(1);
  });

  it("stays quiet for a window after firing, across clock boundaries, then fires for a new burst", async () => {
    const { tenantId, send } = await tenantWithRules(THRESHOLD);
    // Crosses the threshold at 10:04 and goes on past 10:05 (quiet until 10:09); a second
    // burst crosses again at 10:15.
    await send([0, 1, 2, 3, 4, 5.5, 6, 8, 11, 12, 13, 14, 15].map((m) => denial("bot-a", m)));
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(2);
    const alerts = await alertsOf(tenantId);
    expect(alerts.map((a) => a.window_key).sort()).toEqual([at(4), at(15)]);
  });

  it("ignores disabled rules and other tenants' events", async () => {
    const { tenantId, send } = await tenantWithRules(
      THRESHOLD.replace("kind: threshold", "enabled: false\n    kind: threshold"),
    );
    await send([0, 1, 2, 3, 4].map((m) => denial("bot-a", m)));
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(0);
    const other = await tenantWithRules(THRESHOLD);
    expect(await evaluateUntilCaughtUp(other.tenantId, { now: NOW })).toBe(0);
  });
});

const SEQUENCE = `
  - id: approval-skipped
    name: Downstream call without approval
    severity: critical
    kind: sequence
    first: { types: [policy.evaluated], decisions: [require_approval] }
    expect: { types: [approval.granted] }
    before: { types: [downstream.called] }
    within: 1h
  - id: approval-unanswered
    name: Approval requested, never granted in 30 minutes
    severity: medium
    kind: sequence
    first: { types: [approval.requested] }
    expect: { types: [approval.granted, approval.denied] }
    within: 30m
`;

const step = (type: string, correlationId: string, minute: number, extra: Record<string, unknown> = {}) =>
  event({ type, time: at(minute), correlationId, actor: { type: "agent", id: "billing-bot" }, ...extra });
const requireApproval = (c: string, m: number) =>
  step("policy.evaluated", c, m, { policy: { id: "refund-limits", decision: "require_approval" } });
const requested = (c: string, m: number) => step("approval.requested", c, m, { approval: { id: `ap-${c}` } });
const granted = (c: string, m: number) => step("approval.granted", c, m, { approval: { id: `ap-${c}` } });

describe("sequence rules", () => {
  it("fires when C happens without B, or B never comes in time; not when B comes first or in time", async () => {
    const { tenantId, send } = await tenantWithRules(SEQUENCE);
    await send([
      // Skipped approval: downstream call with no grant before it.
      requireApproval("c-skip", 0),
      step("downstream.called", "c-skip", 1),
      // Proper: granted, then downstream.
      requireApproval("c-ok", 0),
      requested("c-ok", 0.1),
      granted("c-ok", 3),
      step("downstream.called", "c-ok", 3.5),
      // Granted only after the downstream call: still skipped.
      requireApproval("c-late", 0),
      requested("c-late", 0.1),
      step("downstream.called", "c-late", 1),
      granted("c-late", 2),
      // Requested and never answered (due at 30 minutes; NOW is two hours later).
      requested("c-silent", 0),
    ]);
    expect(await evaluateUntilCaughtUp(tenantId, { now: NOW })).toBe(3);
    const alerts = await alertsOf(tenantId);
    expect(alerts.map((a) => `${a.rule_id} ${a.group_key}`).sort()).toEqual([
      "approval-skipped correlation:c-late",
      "approval-skipped correlation:c-skip",
      "approval-unanswered correlation:c-silent",
    ]);
    // Decided requests leave nothing pending.
    const { rows } = await pool().query("SELECT * FROM alert_pending WHERE tenant_id = $1", [tenantId]);
    expect(rows).toEqual([]);
  });

  it("waits for the deadline across steps and restarts, then decides once", async () => {
    const { tenantId, send } = await tenantWithRules(SEQUENCE);
    await send([requested("c-wait", 0), requested("c-answered", 0)]);
    // Ten minutes in: not due yet; both wait in Postgres.
    expect(await evaluateUntilCaughtUp(tenantId, { now: new Date(at(10)) })).toBe(0);
    await send([granted("c-answered", 20)]);
    expect(await evaluateUntilCaughtUp(tenantId, { now: new Date(at(25)) })).toBe(0);
    // Past the deadline: the unanswered one fires, once, however often we evaluate.
    expect(await evaluateUntilCaughtUp(tenantId, { now: new Date(at(31)) })).toBe(1);
    expect(await evaluateUntilCaughtUp(tenantId, { now: new Date(at(40)) })).toBe(0);
    expect((await alertsOf(tenantId)).map((a) => a.group_key)).toEqual(["correlation:c-wait"]);
  });
});

describe("testing a rule against history", () => {
  it("counts what a rule would have raised over a range, and keeps nothing", async () => {
    const { tenantId, send } = await tenantWithRules(SEQUENCE);
    await send([
      ...[0, 1, 2, 3, 4, 20, 21, 22, 23, 24].map((m) => denial("bot-a", m)),
      ...[0, 1].map((m) => denial("bot-b", m)),
      requested("c-silent", 0),
    ]);
    const { testRule } = await import("./test-rule");
    const parsed = parseRuleSet(`version: 1\nrules:\n${THRESHOLD}`);
    if (!parsed.ok) throw new Error("bad rule");
    const rule = parsed.ruleSet.rules[0] as Parameters<typeof testRule>[1];
    const range = { from: new Date(at(-60)), to: new Date(at(60)) };
    const result = await testRule(tenantId, rule, range);
    expect(result).toMatchObject({ eventsScanned: 13, capped: false, unsupported: false });
    expect(result.alerts.map((a) => a.groupKey)).toEqual(["agent:bot-a", "agent:bot-a"]);
    // A range that ends before the second burst sees only the first.
    expect((await testRule(tenantId, rule, { from: range.from, to: new Date(at(10)) })).alerts).toHaveLength(1);
    // A sequence rule parks its checks in alert_pending while it replays: all rolled back.
    const sequences = parseRuleSet(`version: 1\nrules:\n${SEQUENCE}`);
    if (!sequences.ok) throw new Error("bad rules");
    const unanswered = sequences.ruleSet.rules[1] as Parameters<typeof testRule>[1];
    expect((await testRule(tenantId, unanswered, range)).alerts.map((a) => a.groupKey)).toEqual([
      "correlation:c-silent",
    ]);
    // Testing stored nothing: no alerts, no pending sequence checks.
    const counts = await pool().query(
      `SELECT (SELECT count(*) FROM alerts WHERE tenant_id = $1) AS alerts,
              (SELECT count(*) FROM alert_pending WHERE tenant_id = $1) AS pending`,
      [tenantId],
    );
    expect(counts.rows[0]).toEqual({ alerts: "0", pending: "0" });
  });
});
