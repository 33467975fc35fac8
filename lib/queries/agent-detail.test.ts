import { describe, expect, it } from "vitest";
import { setAgentStatus } from "@/lib/agents/set-status";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { agentActivity } from "./agent-activity";
import { agentIdentity } from "./agent-detail";
import { agentIdFromParam } from "./agent-id";

const range = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };
const admin = { email: "admin@example.com", name: "Ada Admin" };

describe("agent detail", () => {
  it("shows identity, clients, owner, delegators, tools, scopes, activity and recent events", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      ...refundExample(),
      event({
        actor: { type: "agent", id: "billing-bot" },
        onBehalfOf: { type: "user", id: "u-99", name: "User 99" },
        target: { type: "tool", id: "stripe.lookup_charge" },
        scopes: ["payments:read"],
        outcome: "denied",
        reason: "no consent",
        time: "2026-11-20T14:00:00Z",
      }),
    ]);
    const agent = await agentIdentity(tenant.id, "billing-bot");
    expect(agent).toMatchObject({
      agentId: "billing-bot",
      name: "Billing Copilot",
      kind: "ai_agent",
      registration: "dynamic",
      status: "active",
      owner: { userId: "u-42", name: "User 42" },
      events: 4,
      clients: [{ clientId: "cl-7", kind: "ai_agent", registration: "dynamic", metadataUrl: null }],
      statusChanges: [],
    });

    const activity = await agentActivity(tenant.id, "billing-bot", range);
    expect(activity.delegators.map((d) => [d.userId, d.name, d.events])).toEqual([
      ["u-42", "User 42", 1],
      ["u-99", "User 99", 1],
    ]);
    expect(activity.tools).toEqual([
      { tool: "stripe.lookup_charge", calls: 1, denied: 1 },
      { tool: "stripe.refund", calls: 1, denied: 0 },
    ]);
    expect(activity.scopes).toEqual([
      { scope: "payments:read", events: 1 },
      { scope: "payments:write", events: 1 },
    ]);
    expect(activity.bucket).toBe("hour");
    expect(activity.series.find((b) => b.t === Date.parse("2026-11-20T10:00:00Z"))).toMatchObject({ success: 3 });
    expect(activity.series.find((b) => b.t === Date.parse("2026-11-20T14:00:00Z"))).toMatchObject({ denied: 1 });
    expect(activity.recent.map((e) => e.type)).toEqual([
      "mcp.tool.called",
      "downstream.called",
      "approval.requested",
      "mcp.tool.called",
    ]);
  });

  it("does not find another tenant's agent", async () => {
    const theirs = await tenantWithKey();
    await postEvents(theirs.key, [event({ actor: { type: "agent", id: "their-bot" } })]);
    const mine = await tenantWithKey();
    expect(await agentIdentity(mine.tenant.id, "their-bot")).toBeNull();
    expect(await agentIdentity(theirs.tenant.id, "their-bot")).not.toBeNull();
  });

  it("decodes agent ids from URL segments", () => {
    expect(agentIdFromParam("ops%3Aplanner%2Fv2")).toBe("ops:planner/v2");
    expect(agentIdFromParam("100%")).toBe("100%");
  });
});

describe("setAgentStatus", () => {
  it("records suspension and reactivation as events, and the registry follows", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [event({ actor: { type: "agent", id: "bot", name: "Bot" } })]);

    await setAgentStatus(tenant.id, "bot", { status: "suspended", reason: "bulk export" }, admin);
    expect((await agentIdentity(tenant.id, "bot"))?.status).toBe("suspended");
    const stored = await prisma.event.findFirstOrThrow({ where: { tenantId: tenant.id, type: "agent.suspended" } });
    expect(stored).toMatchObject({ actorType: "user", actorId: admin.email, targetType: "agent", targetId: "bot" });
    expect(stored.data).toMatchObject({
      reason: "bulk export",
      actor: { name: "Ada Admin" },
      source: { service: "attest-dashboard" },
    });

    await setAgentStatus(tenant.id, "bot", { status: "active" }, admin);
    const agent = await agentIdentity(tenant.id, "bot");
    expect(agent?.status).toBe("active");
    expect(agent?.statusChanges.map((c) => [c.status, c.by])).toEqual([
      ["active", admin.email],
      ["suspended", admin.email],
    ]);
    expect(agent?.statusChanges[1]?.reason).toBe("bulk export");
  });

  it("answers 404 for an unknown or another tenant's agent, and 409 when nothing changes", async () => {
    const theirs = await tenantWithKey();
    await postEvents(theirs.key, [event({ actor: { type: "agent", id: "their-bot" } })]);
    const mine = await tenantWithKey();
    await expect(setAgentStatus(mine.tenant.id, "their-bot", { status: "suspended" }, admin)).rejects.toMatchObject({
      status: 404,
    });
    await expect(setAgentStatus(theirs.tenant.id, "their-bot", { status: "active" }, admin)).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(await prisma.event.count({ where: { tenantId: mine.tenant.id } })).toBe(0);
  });
});
