import { prisma } from "../db";

// The foundation view's one read: how many events a tenant has and its most recent ones.
// Scoped to the tenant id the caller passes; it never reads across tenants.

export type OverviewEvent = {
  seq: string;
  eventId: string;
  time: Date;
  type: string;
  actorType: string;
  actorId: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  correlationId: string | null;
};

export type DemoOverview = { eventCount: number; latestEvents: OverviewEvent[] };

export async function demoOverview(tenantId: string, limit = 20): Promise<DemoOverview> {
  const [eventCount, rows] = await Promise.all([
    prisma.event.count({ where: { tenantId } }),
    prisma.event.findMany({
      where: { tenantId },
      // Same time: the later-ingested (higher seq) first, so the order is stable.
      orderBy: [{ time: "desc" }, { seq: "desc" }],
      take: limit,
      select: {
        seq: true,
        eventId: true,
        time: true,
        type: true,
        actorType: true,
        actorId: true,
        outcome: true,
        targetType: true,
        targetId: true,
        correlationId: true,
      },
    }),
  ]);
  return { eventCount, latestEvents: rows.map((row) => ({ ...row, seq: row.seq.toString() })) };
}
