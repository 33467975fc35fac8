import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { callOtlpRoute } from "./test-server";

// Postgres drops the OTLP request's ingest transaction while it waits on a row lock: the
// exporter must get 503 with Retry-After (OTLP exporters retry it), nothing may remain, and
// the retried export stores every span exactly once.

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

function exportRequest(spanCount: number) {
  const spans = Array.from({ length: spanCount }, (_, i) => ({
    traceId: TRACE_ID,
    spanId: (i + 1).toString(16).padStart(16, "a"),
    name: "tools/call lookup",
    startTimeUnixNano: `${Date.now()}000000`,
    attributes: [
      { key: "mcp.method.name", value: { stringValue: "tools/call" } },
      { key: "gen_ai.agent.id", value: { stringValue: "support-bot" } },
    ],
  }));
  return Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }));
}

describe("OTLP: storage failure mid-transaction", () => {
  it("answers 503 with Retry-After, stores nothing, and the retried export stores each span once", async () => {
    const { tenant, key } = await tenantWithKey("otlp-503");
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    expect((await callOtlpRoute("/api/v1/otlp/v1/traces", headers, exportRequest(1))).status).toBe(200);

    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await watcher.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM agents WHERE tenant_id = $1 AND agent_id = 'support-bot' FOR UPDATE", [
        tenant.id,
      ]);
      const body = exportRequest(20);
      const pending = callOtlpRoute("/api/v1/otlp/v1/traces", headers, body);

      let blockedPid: number | undefined;
      for (let attempt = 0; attempt < 1200 && !blockedPid; attempt++) {
        const { rows } = await watcher.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%MERGE INTO agents%'
             AND datname = current_database()`,
        );
        blockedPid = rows[0]?.pid;
        if (!blockedPid) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (!blockedPid) throw new Error("the OTLP ingest transaction never blocked on the agents row");
      await holder.query("SELECT pg_terminate_backend($1)", [blockedPid]);

      const failed = await pending;
      expect(failed.status).toBe(503);
      expect(Number(failed.headers.get("retry-after"))).toBeGreaterThan(0);
      await holder.query("ROLLBACK");
      expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(1);

      const retried = await callOtlpRoute("/api/v1/otlp/v1/traces", headers, body);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual({});
      // Span 1 of the retry is the span already stored by the first export: a duplicate.
      expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(20);
    } finally {
      await holder.end();
      await watcher.end();
    }
  });
});
