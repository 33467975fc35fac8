import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";

// An agent's status is derived from evidence: agent.suspended suspends it, agent.updated with
// attributes.status sets it either way, and the newest event by event time wins, whatever
// order the events arrive in.

const admin = { type: "user", id: "admin@example.com" };
const suspend = (agentId: string, time: string) =>
  event({ type: "agent.suspended", actor: admin, target: { type: "agent", id: agentId }, time, reason: "test" });
const setStatus = (agentId: string, status: string, time: string) =>
  event({ type: "agent.updated", actor: admin, target: { type: "agent", id: agentId }, time, attributes: { status } });

async function statusOf(tenantId: string, agentId: string) {
  const agent = await prisma.agent.findUniqueOrThrow({ where: { tenantId_agentId: { tenantId, agentId } } });
  return { status: agent.status, changedAt: agent.statusChangedAt?.toISOString() ?? null };
}

describe("agent status from agent.suspended and agent.updated", () => {
  it("suspends, then reactivates through agent.updated with attributes.status", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [event({ actor: { type: "agent", id: "bot" }, time: "2026-11-20T09:00:00Z" })]);
    expect(await statusOf(tenant.id, "bot")).toEqual({ status: "active", changedAt: null });

    await postEvents(key, [suspend("bot", "2026-11-20T10:00:00Z")]);
    expect(await statusOf(tenant.id, "bot")).toEqual({ status: "suspended", changedAt: "2026-11-20T10:00:00.000Z" });

    await postEvents(key, [setStatus("bot", "active", "2026-11-20T11:00:00Z")]);
    expect(await statusOf(tenant.id, "bot")).toEqual({ status: "active", changedAt: "2026-11-20T11:00:00.000Z" });
  });

  it("keeps the newest status when both arrive in one batch, in either order", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      setStatus("a", "active", "2026-11-20T12:00:00Z"),
      suspend("a", "2026-11-20T11:00:00Z"),
      suspend("b", "2026-11-20T12:00:00Z"),
      setStatus("b", "active", "2026-11-20T11:00:00Z"),
    ]);
    expect(await statusOf(tenant.id, "a")).toEqual({ status: "active", changedAt: "2026-11-20T12:00:00.000Z" });
    expect(await statusOf(tenant.id, "b")).toEqual({ status: "suspended", changedAt: "2026-11-20T12:00:00.000Z" });
  });

  it("ignores an older status change that arrives late", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [suspend("late", "2026-11-20T12:00:00Z")]);
    await postEvents(key, [setStatus("late", "active", "2026-11-20T08:00:00Z")]);
    expect(await statusOf(tenant.id, "late")).toEqual({
      status: "suspended",
      changedAt: "2026-11-20T12:00:00.000Z",
    });
  });

  it("leaves the status alone for agent.updated without a recognised status", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      suspend("kept", "2026-11-20T10:00:00Z"),
      setStatus("kept", "retired", "2026-11-20T11:00:00Z"),
      event({
        type: "agent.updated",
        actor: admin,
        target: { type: "agent", id: "kept" },
        time: "2026-11-20T12:00:00Z",
        attributes: { name: "Renamed" },
      }),
    ]);
    expect(await statusOf(tenant.id, "kept")).toEqual({ status: "suspended", changedAt: "2026-11-20T10:00:00.000Z" });
  });

  it("creates an agent first seen in a status event with that status", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [setStatus("fresh", "suspended", "2026-11-20T10:00:00Z")]);
    expect(await statusOf(tenant.id, "fresh")).toEqual({ status: "suspended", changedAt: "2026-11-20T10:00:00.000Z" });
  });
});
