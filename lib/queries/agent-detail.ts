import { prisma } from "../db";

// One agent's identity as the registry knows it, its OAuth clients, and the dashboard's record
// of its status changes. Everything is looked up by (tenant, agent id): another tenant's
// agent id is simply not found, so its existence is never confirmed.

export type AgentClient = {
  clientId: string;
  name: string | null;
  kind: string;
  registration: string | null;
  metadataUrl: string | null;
};

export type StatusChange = {
  eventId: string;
  time: Date;
  status: "active" | "suspended";
  by: string;
  reason: string | null;
};

export type AgentIdentity = {
  agentId: string;
  name: string | null;
  kind: string;
  registration: string | null;
  status: string;
  statusChangedAt: Date | null;
  owner: { userId: string; name: string | null; since: Date | null } | null;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
  clients: AgentClient[];
  statusChanges: StatusChange[];
};

export async function agentIdentity(tenantId: string, agentId: string): Promise<AgentIdentity | null> {
  const agent = await prisma.agent.findUnique({ where: { tenantId_agentId: { tenantId, agentId } } });
  if (!agent) return null;
  const [clients, owner, statusEvents] = await Promise.all([
    prisma.oAuthClient.findMany({
      where: { tenantId, clientId: { in: agent.clientIds } },
      orderBy: { lastSeen: "desc" },
    }),
    agent.ownerUserId
      ? prisma.humanPrincipal.findUnique({ where: { tenantId_userId: { tenantId, userId: agent.ownerUserId } } })
      : null,
    prisma.event.findMany({
      where: {
        tenantId,
        type: { in: ["agent.suspended", "agent.updated"] },
        targetType: "agent",
        targetId: agentId,
      },
      orderBy: [{ time: "desc" }, { seq: "desc" }],
      take: 20,
      select: { eventId: true, time: true, type: true, actorId: true, data: true },
    }),
  ]);
  return {
    agentId: agent.agentId,
    name: agent.name,
    kind: agent.kind,
    registration: agent.registration,
    status: agent.status,
    statusChangedAt: agent.statusChangedAt,
    owner: agent.ownerUserId ? { userId: agent.ownerUserId, name: owner?.name ?? null, since: agent.ownerSince } : null,
    firstSeen: agent.firstSeen,
    lastSeen: agent.lastSeen,
    events: Number(agent.eventCount),
    clients: clients.map((c) => ({
      clientId: c.clientId,
      name: c.name,
      kind: c.kind,
      registration: c.registration,
      metadataUrl: c.metadataUrl,
    })),
    statusChanges: statusEvents.flatMap((e): StatusChange[] => {
      const data = e.data as { reason?: string; attributes?: { status?: unknown } };
      const status = e.type === "agent.suspended" ? "suspended" : data.attributes?.status;
      if (status !== "active" && status !== "suspended") return [];
      return [{ eventId: e.eventId, time: e.time, status, by: e.actorId, reason: data.reason ?? null }];
    }),
  };
}
