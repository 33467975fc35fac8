import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { pool } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { createUser, setMembership } from "@/lib/users";
import { alertDetail, listAlerts, openAlertCounts, parseListFilter } from "./inbox";
import { applyAlertAction } from "./inbox-actions";

type Seed = { ruleId?: string; severity?: string; firedAt?: string; status?: string; evidenceIds?: string[] };

async function insertAlert(tenantId: string, seed: Seed = {}): Promise<string> {
  const id = randomUUID();
  await pool().query(
    `INSERT INTO alerts (id, tenant_id, rule_id, rule_version, rule_name, severity, group_key, window_key,
       window_start, window_end, fired_at, summary, explanation, evidence_ids, status)
     VALUES ($1::uuid, $2, $3, 1, $4, $5, 'agent:bot', $1::text, now(), now(), $6, 'summary', $7, $8, $9)`,
    [
      id,
      tenantId,
      seed.ruleId ?? "denials",
      `Rule ${seed.ruleId ?? "denials"}`,
      seed.severity ?? "high",
      seed.firedAt ?? new Date().toISOString(),
      { count: 6, threshold: 5, window: "5m" },
      seed.evidenceIds ?? [],
      seed.status ?? "open",
    ],
  );
  return id;
}

async function expectApiError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(status);
}

describe("alert inbox", () => {
  it("lists newest first, filters by status, severity and rule, and pages", async () => {
    const { tenant } = await tenantWithKey("inbox-list");
    const base = Date.parse("2026-11-20T10:00:00Z");
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    const a = await insertAlert(tenant.id, { firedAt: at(1), severity: "low", ruleId: "r1" });
    const b = await insertAlert(tenant.id, { firedAt: at(2), status: "acknowledged", ruleId: "r2" });
    const c = await insertAlert(tenant.id, { firedAt: at(3), status: "resolved", ruleId: "r1" });
    for (let i = 0; i < 55; i++) await insertAlert(tenant.id, { firedAt: at(-100 - i), ruleId: "bulk" });

    const active = await listAlerts(tenant.id);
    expect(active.total).toBe(57);
    expect(active.alerts.map((x) => x.id).slice(0, 2)).toEqual([b, a]);
    expect(active.alerts).toHaveLength(50);
    const page2 = await listAlerts(tenant.id, { page: 2 });
    expect(page2.alerts).toHaveLength(7);
    expect(page2.alerts.map((x) => x.id)).not.toContain(a);

    expect((await listAlerts(tenant.id, { status: "resolved" })).alerts.map((x) => x.id)).toEqual([c]);
    expect((await listAlerts(tenant.id, { status: "all", rule: "r1" })).alerts.map((x) => x.id)).toEqual([c, a]);
    expect((await listAlerts(tenant.id, { severity: "low" })).alerts.map((x) => x.id)).toEqual([a]);
    expect(parseListFilter(new URLSearchParams("status=bogus"))).toMatchObject({ status: "active", page: 1 });
    expect(parseListFilter(new URLSearchParams("status=resolved&severity=low&page=2"))).toMatchObject({
      status: "resolved",
      severity: "low",
      page: 2,
    });

    const counts = await openAlertCounts(tenant.id);
    expect(counts.total).toBe(56);
    expect(counts.bySeverity).toEqual({ low: 1, medium: 0, high: 55, critical: 0 });
  });

  it("shows the evidence events of the tenant only, with the notes", async () => {
    const { tenant, key } = await tenantWithKey("inbox-evidence");
    const other = await tenantWithKey("inbox-other");
    const denied = event({ outcome: "denied", reason: "policy_denied", correlationId: "req-ev-1" });
    const sameIdElsewhere = event({ id: `x-${randomUUID()}` });
    expect((await postEvents(key, [denied])).status).toBe(200);
    expect((await postEvents(other.key, [sameIdElsewhere])).status).toBe(200);
    const id = await insertAlert(tenant.id, { evidenceIds: [denied.id, sameIdElsewhere.id] });

    const detail = await alertDetail(tenant.id, id);
    expect(detail?.alert.explanation).toEqual({ count: 6, threshold: 5, window: "5m" });
    expect(detail?.evidence).toEqual([
      expect.objectContaining({
        eventId: denied.id,
        type: "mcp.tool.called",
        actorId: "billing-bot",
        actorName: "Billing Copilot",
        targetId: "stripe.refund",
        outcome: "denied",
        correlationId: "req-ev-1",
      }),
    ]);
    expect(detail?.notes).toEqual([]);
  });

  it("moves through acknowledge, resolve and reopen, rejects invalid transitions with 409, and keeps the history", async () => {
    const { tenant } = await tenantWithKey("inbox-actions");
    const id = await insertAlert(tenant.id);
    const who = "analyst@example.test";

    await expectApiError(applyAlertAction(tenant.id, id, { action: "reopen" }, who), 409);
    expect(await applyAlertAction(tenant.id, id, { action: "acknowledge" }, who)).toEqual({
      status: "acknowledged",
      assignee: null,
    });
    await expectApiError(applyAlertAction(tenant.id, id, { action: "acknowledge" }, who), 409);
    await applyAlertAction(tenant.id, id, { action: "note", body: "  looking into it  " }, who);
    await applyAlertAction(tenant.id, id, { action: "resolve" }, who);
    await expectApiError(applyAlertAction(tenant.id, id, { action: "resolve" }, who), 409);
    await expectApiError(applyAlertAction(tenant.id, id, { action: "acknowledge" }, who), 409);
    await applyAlertAction(tenant.id, id, { action: "reopen" }, "admin@example.test");

    const detail = await alertDetail(tenant.id, id);
    expect(detail?.alert.status).toBe("open");
    expect(detail?.alert.statusChangedAt).toBeInstanceOf(Date);
    expect(detail?.notes.map((n) => [n.author, n.kind, n.body])).toEqual([
      [who, "status", "open → acknowledged"],
      [who, "note", "looking into it"],
      [who, "status", "acknowledged → resolved"],
      ["admin@example.test", "status", "resolved → open"],
    ]);
  });

  it("assigns to members of the tenant only and records each assignment", async () => {
    const { tenant } = await tenantWithKey("inbox-assign");
    const other = await tenantWithKey("inbox-assign-other");
    const email = `member-${randomUUID().slice(0, 8)}@example.test`;
    const outsider = `outsider-${randomUUID().slice(0, 8)}@example.test`;
    const member = await createUser({ email, name: "Member", password: "a-long-enough-password-1" });
    await setMembership(tenant.id, member.id, "analyst");
    const stranger = await createUser({ email: outsider, name: "Outsider", password: "a-long-enough-password-1" });
    await setMembership(other.tenant.id, stranger.id, "analyst");
    const id = await insertAlert(tenant.id);

    await expectApiError(applyAlertAction(tenant.id, id, { action: "assign", assignee: outsider }, email), 422);
    await expectApiError(applyAlertAction(tenant.id, id, { action: "assign", assignee: null }, email), 409);
    expect(await applyAlertAction(tenant.id, id, { action: "assign", assignee: email }, email)).toEqual({
      status: "open",
      assignee: email,
    });
    await expectApiError(applyAlertAction(tenant.id, id, { action: "assign", assignee: email }, email), 409);
    await applyAlertAction(tenant.id, id, { action: "assign", assignee: null }, email);

    const detail = await alertDetail(tenant.id, id);
    expect(detail?.alert.assignee).toBeNull();
    expect(detail?.notes.map((n) => [n.kind, n.body])).toEqual([
      ["assign", `assigned to ${email}`],
      ["assign", `unassigned (was ${email})`],
    ]);
  });

  it("treats another tenant's alert as not found, for reads and actions", async () => {
    const mine = await tenantWithKey("inbox-mine");
    const theirs = await tenantWithKey("inbox-theirs");
    const id = await insertAlert(theirs.tenant.id);
    expect(await alertDetail(mine.tenant.id, id)).toBeNull();
    expect(await alertDetail(mine.tenant.id, "not-a-uuid")).toBeNull();
    expect((await listAlerts(mine.tenant.id, { status: "all" })).total).toBe(0);
    expect((await openAlertCounts(mine.tenant.id)).total).toBe(0);
    await expectApiError(applyAlertAction(mine.tenant.id, id, { action: "acknowledge" }, "x@example.test"), 404);
    await expectApiError(applyAlertAction(mine.tenant.id, "nope", { action: "resolve" }, "x@example.test"), 404);
    const untouched = await alertDetail(theirs.tenant.id, id);
    expect(untouched?.alert.status).toBe("open");
    expect(untouched?.notes).toEqual([]);
  });
});
