import { z } from "zod";
import { CLIENT_KINDS, CLIENT_REGISTRATIONS } from "../contract/event-types";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";

// The agent registry as a list: search by id or name, filter by kind, registration and status,
// sort by last seen, first seen, events or name. Every parameter comes from the URL, so the
// same parser serves the page and GET /api/v1/agents.

export const AGENT_SORTS = ["last_seen", "first_seen", "events", "name"] as const;
export const AGENT_STATUSES = ["active", "suspended"] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(values).optional());

export const agentListParamsSchema = z.object({
  q: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : undefined),
    z.string().max(256).optional(),
  ),
  kind: optionalEnum(CLIENT_KINDS),
  registration: optionalEnum(CLIENT_REGISTRATIONS),
  status: optionalEnum(AGENT_STATUSES),
  sort: z.preprocess((value) => value ?? undefined, z.enum(AGENT_SORTS).catch("last_seen").default("last_seen")),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AgentListParams = z.infer<typeof agentListParamsSchema>;

/** Reads list parameters from a URL; unknown sorts and pages fall back, bad filters are ignored. */
export function parseAgentListParams(params: URLSearchParams): AgentListParams {
  const read = (name: string) => params.get(name) ?? undefined;
  const raw = { q: read("q"), sort: read("sort"), page: read("page") };
  const filters = Object.fromEntries(
    (["kind", "registration", "status"] as const).map((name) => {
      const parsed = agentListParamsSchema.shape[name].safeParse(read(name));
      return [name, parsed.success ? parsed.data : undefined];
    }),
  );
  return agentListParamsSchema.parse({ ...raw, ...filters });
}

export type AgentListItem = {
  agentId: string;
  name: string | null;
  kind: string;
  registration: string | null;
  status: string;
  statusChangedAt: Date | null;
  ownerUserId: string | null;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
};

export type AgentList = { agents: AgentListItem[]; total: number; page: number; pageSize: number };

export const AGENT_PAGE_SIZE = 50;

const ORDER: Record<AgentSort, Prisma.AgentOrderByWithRelationInput[]> = {
  last_seen: [{ lastSeen: "desc" }, { agentId: "asc" }],
  first_seen: [{ firstSeen: "desc" }, { agentId: "asc" }],
  events: [{ eventCount: "desc" }, { agentId: "asc" }],
  name: [{ name: { sort: "asc", nulls: "last" } }, { agentId: "asc" }],
};

export async function listAgents(tenantId: string, params: Partial<AgentListParams> = {}): Promise<AgentList> {
  const { q, kind, registration, status } = params;
  const sort = params.sort ?? "last_seen";
  const page = params.page ?? 1;
  const where: Prisma.AgentWhereInput = {
    tenantId,
    ...(kind ? { kind } : {}),
    ...(registration ? { registration } : {}),
    ...(status ? { status } : {}),
    ...(q
      ? {
          OR: [{ agentId: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.agent.findMany({
      where,
      orderBy: ORDER[sort],
      skip: (page - 1) * AGENT_PAGE_SIZE,
      take: AGENT_PAGE_SIZE,
    }),
    prisma.agent.count({ where }),
  ]);
  return {
    agents: rows.map((row) => ({
      agentId: row.agentId,
      name: row.name,
      kind: row.kind,
      registration: row.registration,
      status: row.status,
      statusChangedAt: row.statusChangedAt,
      ownerUserId: row.ownerUserId,
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      events: Number(row.eventCount),
    })),
    total,
    page,
    pageSize: AGENT_PAGE_SIZE,
  };
}
