import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";

// Postgres goes away in the middle of an ingest transaction, after the events were inserted
// and while the registry merge waits on a row lock. Nothing of that request may remain.
describe("storage failure mid-transaction", () => {
  it("answers 503, stores no part of the request, and a retry stores it all once", async () => {
    const { tenant, key } = await tenantWithKey();
    const actor = { type: "agent", id: "billing-bot" };
    expect((await postEvents(key, [event({ actor })])).status).toBe(200);

    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    // pg_stat_activity is frozen for the length of a transaction, so a second client watches.
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await watcher.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM agents WHERE tenant_id = $1 AND agent_id = 'billing-bot' FOR UPDATE", [
        tenant.id,
      ]);
      const batch = Array.from({ length: 50 }, () => event({ actor }));
      const pending = postEvents(key, batch);

      let blockedPid: number | undefined;
      for (let attempt = 0; attempt < 1200 && !blockedPid; attempt++) {
        const { rows } = await watcher.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%MERGE INTO agents%'
             AND datname = current_database()`,
        );
        blockedPid = rows[0]?.pid;
        if (!blockedPid) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (!blockedPid) {
        const { rows } = await watcher.query(
          "SELECT state, wait_event_type, left(query, 80) AS query FROM pg_stat_activity",
        );
        throw new Error(`the ingest transaction never blocked: ${JSON.stringify(rows)}`);
      }
      await holder.query("SELECT pg_terminate_backend($1)", [blockedPid]);

      const failed = await pending;
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe("storage_unavailable");
      await holder.query("ROLLBACK");

      expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(1);
      const after = await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
      expect(after.eventSeq).toBe(1n);
      const agent = await prisma.agent.findUniqueOrThrow({
        where: { tenantId_agentId: { tenantId: tenant.id, agentId: "billing-bot" } },
      });
      expect(agent.eventCount).toBe(1n);

      const retried = await postEvents(key, batch);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ accepted: 50, duplicates: 0 });
      expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(51);
    } finally {
      await holder.end();
      await watcher.end();
    }
  });
});
