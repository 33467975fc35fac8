import { describe, expect, it, vi } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { parseRuleSet } from "../rules/document";
import { applyRuleSet } from "../rules/store";
import { evaluateTenant } from "./evaluate";

// A worker that dies in the middle of a step: the threshold rule has already inserted its
// alert in the step's transaction when the next rule's evaluation fails (as a crash or a lost
// connection would). Nothing of the step is kept; the next worker redoes it and the alert
// exists exactly once.

const crash = vi.hoisted(() => ({ armed: false }));
vi.mock("./sequence", async (importOriginal) => {
  const original = await importOriginal<typeof import("./sequence")>();
  return {
    evaluateSequence: async (...args: Parameters<typeof original.evaluateSequence>) => {
      if (crash.armed) {
        crash.armed = false;
        throw new Error("worker died mid-step");
      }
      return original.evaluateSequence(...args);
    },
  };
});

describe("exactly once across a crash mid-step", () => {
  it("keeps nothing of the failed step and raises the alert once on the retry", async () => {
    const { tenant, key } = await tenantWithKey("restart");
    const parsed = parseRuleSet(`version: 1
rules:
  - { id: burst, name: Burst, severity: high, kind: threshold, match: { types: [mcp.tool.called], outcomes: [denied] }, groupBy: agent, count: 3, window: 5m }
  - { id: skipped, name: Skipped, severity: low, kind: sequence, first: { types: [approval.requested] }, expect: { types: [approval.granted] }, within: 30m }
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // A system actor: a person's change would add an x-attest.rules.changed event to the stream.
    await applyRuleSet(tenant.id, parsed.ruleSet, { actor: "system:test", source: "ui" });
    const denied = (second: number) =>
      event({
        time: new Date(Date.parse("2026-11-20T10:00:00Z") + second * 1000).toISOString(),
        outcome: "denied",
        reason: "blocked",
        actor: { type: "agent", id: "bot" },
      });
    expect((await postEvents(key, [denied(0), denied(10), denied(20)])).status).toBe(200);
    const now = new Date("2026-11-20T12:00:00Z");
    const state = async () =>
      (
        await pool().query<{ alerts: string; cursor: string | null }>(
          `SELECT (SELECT count(*) FROM alerts WHERE tenant_id = $1) AS alerts,
                  (SELECT last_seq::text FROM alert_cursors WHERE tenant_id = $1) AS cursor`,
          [tenant.id],
        )
      ).rows[0];

    crash.armed = true;
    await expect(evaluateTenant(tenant.id, { now })).rejects.toThrow("worker died mid-step");
    // The burst alert was inserted before the crash, inside the step: it is gone, and the
    // cursor has not moved past the events.
    expect(await state()).toEqual({ alerts: "0", cursor: null });

    const retry = await evaluateTenant(tenant.id, { now });
    expect(retry).toMatchObject({ skipped: false, events: 3, alerts: 1 });
    expect(await evaluateTenant(tenant.id, { now })).toMatchObject({ events: 0, alerts: 0 });
    expect(await state()).toEqual({ alerts: "1", cursor: "3" });
  });
});
