import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError, notFound } from "../api/errors";
import type { ClientInfo } from "../audit/actors";
import { prisma } from "../db";
import { ingestEvents } from "../ingest";

// Suspending or reactivating an agent from the dashboard is itself evidence: it is recorded as
// an event in the tenant's own audit trail (agent.suspended, or agent.updated with
// attributes.status "active"), through the same ingest pipeline as every sender. The registry
// then derives the agent's status from that event, exactly as it would from any sender's.
// That event IS the self-audit record of the suspension (actor: the signed-in user; source:
// attest-dashboard; the client's address and browser in attributes): no extra x-attest.agent.*
// event is written, which would only count every suspension twice in SOX and PCI reports.

export const agentStatusChangeSchema = z.object({
  status: z.enum(["suspended", "active"]),
  reason: z.string().trim().max(1_000).optional(),
});
export type AgentStatusChange = z.infer<typeof agentStatusChangeSchema>;

export type DashboardUser = { email: string; name: string | null };

export async function setAgentStatus(
  tenantId: string,
  agentId: string,
  change: AgentStatusChange,
  by: DashboardUser,
  client: ClientInfo = {},
): Promise<{ agentId: string; status: string; eventId: string }> {
  const agent = await prisma.agent.findUnique({
    where: { tenantId_agentId: { tenantId, agentId } },
    select: { name: true, status: true },
  });
  if (!agent) throw notFound("No such agent in this tenant.");
  if (agent.status === change.status) {
    throw new ApiError(409, "unchanged", `The agent is already ${change.status}.`);
  }

  const suspend = change.status === "suspended";
  const reason =
    change.reason ||
    (suspend ? `Suspended from the dashboard by ${by.email}` : `Reactivated from the dashboard by ${by.email}`);
  const eventId = `attest-dashboard:${randomUUID()}`;
  const result = await ingestEvents(tenantId, [
    {
      id: eventId,
      type: suspend ? "agent.suspended" : "agent.updated",
      time: new Date().toISOString(),
      outcome: "success",
      reason,
      actor: { type: "user", id: by.email, ...(by.name ? { name: by.name } : {}) },
      target: { type: "agent", id: agentId, ...(agent.name ? { name: agent.name } : {}) },
      source: { service: "attest-dashboard" },
      attributes: { status: change.status, ...client },
    },
  ]);
  if (result.accepted !== 1) {
    const errors = result.rejected.flatMap((r) => r.errors.map((e) => `${e.path} ${e.message}`)).join("; ");
    throw new Error(`the status change event was not stored: ${errors || "duplicate id"}`);
  }
  // A sender's status event dated later than now (clocks may run ahead) still wins; say so.
  const after = await prisma.agent.findUnique({
    where: { tenantId_agentId: { tenantId, agentId } },
    select: { status: true },
  });
  if (after?.status !== change.status) {
    throw new ApiError(409, "superseded", "Recorded, but a newer status event for this agent still applies.");
  }
  return { agentId, status: change.status, eventId };
}
