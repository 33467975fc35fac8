import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { overviewAggregates } from "@/lib/queries/overview";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";

// The hourly counts must always equal what counting the events table gives, since the
// overview reads them instead of the events.
async function countsFromEvents(tenantId: string) {
  const { rows } = await pool().query(
    `SELECT date_trunc('hour', time, 'UTC') AS hour, type, outcome, COALESCE(policy_decision, '') AS policy_decision,
       COALESCE(agent_id, '') AS agent_id, CASE WHEN type = 'mcp.tool.called' THEN COALESCE(target_id, '') ELSE '' END AS tool,
       count(*)::int AS count
     FROM events WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    [tenantId],
  );
  return rows;
}

async function storedCounts(tenantId: string) {
  const { rows } = await pool().query(
    `SELECT hour, type, outcome, policy_decision, agent_id, tool, count::int AS count FROM event_hourly_counts
     WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4, 5, 6`,
    [tenantId],
  );
  return rows;
}

describe("hourly counts", () => {
  it("match the events table after batches, duplicates and retries", async () => {
    const { tenant, key } = await tenantWithKey();
    const batch = [
      event({ time: "2026-11-20T10:05:00Z" }),
      event({ time: "2026-11-20T10:55:00Z", outcome: "denied", reason: "policy" }),
      event({
        time: "2026-11-20T11:00:00Z",
        actor: { type: "user", id: "u-1" },
        type: "auth.login",
        target: undefined,
      }),
      event({
        time: "2026-11-20T11:30:00Z",
        type: "policy.evaluated",
        actor: { type: "service", id: "pdp" },
        policy: { id: "p", decision: "deny" },
        target: undefined,
      }),
    ];
    await postEvents(key, batch);
    await postEvents(key, [...batch, event({ time: "2026-11-20T10:10:00Z" })]);
    expect(await storedCounts(tenant.id)).toEqual(await countsFromEvents(tenant.id));
    expect((await storedCounts(tenant.id)).reduce((sum, row) => sum + row.count, 0)).toBe(5);
  });

  it("give the overview the same totals as counting events, with ragged range edges", async () => {
    const { tenant, key } = await tenantWithKey();
    const times = [
      "2026-11-18T09:10:00Z",
      "2026-11-18T09:50:00Z",
      "2026-11-19T12:00:00Z",
      "2026-11-21T17:20:00Z",
      "2026-11-21T17:45:00Z",
    ];
    await postEvents(
      key,
      times.map((time) => event({ time, outcome: "denied", reason: "no" })),
    );
    const range = { from: new Date("2026-11-18T09:30:00Z"), to: new Date("2026-11-21T17:30:00Z") };
    const overview = await overviewAggregates(tenant.id, range);
    // 09:10 and 17:45 fall outside; 09:50 and 17:20 come from the partial edge hours.
    expect(overview.totals).toMatchObject({ events: 3, denials: 3 });
    expect(overview.topTools).toEqual([{ tool: "stripe.refund", calls: 3, denied: 3 }]);
    expect(overview.series.reduce((sum, bucket) => sum + bucket.denied, 0)).toBe(3);
  });
});
