import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";

const agentOf = (tenantId: string, agentId: string) =>
  prisma.agent.findUnique({ where: { tenantId_agentId: { tenantId, agentId } } });

describe("registries derived on ingest", () => {
  it("derives agents, humans, clients and sessions from the refund example", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, refundExample());
    const agents = await prisma.agent.findMany({ where: { tenantId: tenant.id }, orderBy: { agentId: "asc" } });
    expect(agents.map((a) => [a.agentId, a.kind, a.registration, a.ownerUserId, Number(a.eventCount)])).toEqual([
      ["billing-bot", "ai_agent", "dynamic", "u-42", 3],
      ["planner", "ai_agent", null, "u-42", 0],
      ["policy-engine", "service", null, null, 1],
    ]);
    expect(agents[0]).toMatchObject({ name: "Billing Copilot", clientIds: ["cl-7"], status: "active" });
    expect(agents[0]?.firstSeen.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(agents[0]?.lastSeen.toISOString()).toBe("2026-11-20T10:03:10.300Z");

    const humans = await prisma.humanPrincipal.findMany({ where: { tenantId: tenant.id }, orderBy: { userId: "asc" } });
    expect(humans.map((h) => [h.userId, h.name])).toEqual([
      ["u-42", "User 42"],
      ["u-7", "Approver 7"],
    ]);

    const clients = await prisma.oAuthClient.findMany({ where: { tenantId: tenant.id } });
    expect(clients).toEqual([
      expect.objectContaining({
        clientId: "cl-7",
        kind: "ai_agent",
        registration: "dynamic",
        agentIds: ["billing-bot"],
      }),
    ]);

    const sessions = await prisma.session.findMany({ where: { tenantId: tenant.id } });
    expect(sessions).toEqual([
      expect.objectContaining({
        sessionKey: "u-42:s-9",
        userId: "u-42",
        sessionId: "s-9",
        agentIds: ["billing-bot"],
        mcpSessionIds: [],
      }),
    ]);
  });

  it("keeps first seen, last seen and owner by event time, whatever the arrival order", async () => {
    const { tenant, key } = await tenantWithKey();
    const actor = { type: "agent", id: "late-bloomer" };
    await postEvents(key, [
      event({ actor, time: "2026-11-20T12:00:00Z", onBehalfOf: { type: "user", id: "u-second" } }),
    ]);
    await postEvents(key, [
      event({ actor, time: "2026-11-20T08:00:00Z", onBehalfOf: { type: "user", id: "u-first" } }),
    ]);
    await postEvents(key, [
      event({ actor, time: "2026-11-20T10:00:00Z", onBehalfOf: { type: "user", id: "u-middle" } }),
    ]);
    const agent = await agentOf(tenant.id, "late-bloomer");
    expect(agent).toMatchObject({ ownerUserId: "u-first", eventCount: 3n });
    expect(agent?.firstSeen.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(agent?.lastSeen.toISOString()).toBe("2026-11-20T12:00:00.000Z");
  });

  it("records how each client registered: DCR, CIMD or pre-registration, and its kind", async () => {
    const { tenant, key } = await tenantWithKey();
    const cimd = "https://agents.example.com/research.json";
    await postEvents(key, [
      event({
        actor: { type: "agent", id: "dcr-bot" },
        client: { id: "c-dcr", kind: "ai_agent", registration: "dynamic" },
      }),
      event({
        actor: { type: "agent", id: "cimd-bot" },
        client: { id: cimd, kind: "ai_agent", registration: "metadata_document", metadataUrl: cimd },
      }),
      event({
        actor: { type: "agent", id: "desk-app" },
        client: { id: "c-pre", kind: "human_app", registration: "pre_registered" },
      }),
      event({ actor: { type: "agent", id: "desk-app" } }),
    ]);
    expect(await agentOf(tenant.id, "dcr-bot")).toMatchObject({ kind: "ai_agent", registration: "dynamic" });
    expect(await agentOf(tenant.id, "cimd-bot")).toMatchObject({
      registration: "metadata_document",
      clientIds: [cimd],
    });
    expect(await agentOf(tenant.id, "desk-app")).toMatchObject({
      kind: "human_app",
      registration: "pre_registered",
      eventCount: 2n,
    });
    const client = await prisma.oAuthClient.findUnique({
      where: { tenantId_clientId: { tenantId: tenant.id, clientId: cimd } },
    });
    expect(client).toMatchObject({ registration: "metadata_document", metadataUrl: cimd });
  });

  it("marks an agent suspended from agent.suspended", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      event({ actor: { type: "agent", id: "rogue" }, time: "2026-11-20T10:00:00Z" }),
      event({
        type: "agent.suspended",
        actor: { type: "user", id: "admin-1" },
        target: { type: "agent", id: "rogue" },
        time: "2026-11-20T11:00:00Z",
      }),
    ]);
    const agent = await agentOf(tenant.id, "rogue");
    expect(agent).toMatchObject({ status: "suspended", eventCount: 1n });
    expect(agent?.statusChangedAt?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
  });

  it("keys sessions by user_id:session_id for stateful and stateless MCP clients alike", async () => {
    const { tenant, key } = await tenantWithKey();
    const human = { type: "user", id: "u-1" };
    await postEvents(key, [
      event({ onBehalfOf: human, session: { id: "s-1" }, mcp: { sessionId: "mcp-a", protocolVersion: "2025-11-25" } }),
      event({
        onBehalfOf: human,
        session: { id: "s-1" },
        mcp: { protocolVersion: "2026-07-28" },
        actor: { type: "agent", id: "stateless" },
      }),
      event({ type: "auth.login", actor: human, session: { id: "s-2" }, target: undefined }),
    ]);
    const sessions = await prisma.session.findMany({ where: { tenantId: tenant.id }, orderBy: { sessionKey: "asc" } });
    expect(sessions.map((s) => [s.sessionKey, s.mcpSessionIds, s.agentIds, Number(s.eventCount)])).toEqual([
      ["u-1:s-1", ["mcp-a"], ["billing-bot", "stateless"], 2],
      ["u-1:s-2", [], [], 1],
    ]);
    const stored = await prisma.event.findMany({ where: { tenantId: tenant.id }, select: { sessionKey: true } });
    expect(stored.map((e) => e.sessionKey).sort()).toEqual(["u-1:s-1", "u-1:s-1", "u-1:s-2"]);
  });

  it("derives the chain from an RFC 8693 act claim and credits the originating human", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [
      event({
        actor: { type: "agent", id: "billing-bot" },
        onBehalfOf: { type: "user", id: "u-9" },
        act: { sub: "billing-bot", act: { sub: "planner", act: { sub: "triage" } } },
      }),
    ]);
    const stored = await prisma.event.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(stored.delegationDepth).toBe(4);
    expect((stored.data as { delegation: { id: string }[] }).delegation.map((h) => h.id)).toEqual([
      "u-9",
      "triage",
      "planner",
      "billing-bot",
    ]);
    expect(await agentOf(tenant.id, "triage")).toMatchObject({ ownerUserId: "u-9", eventCount: 0n });
  });
});
