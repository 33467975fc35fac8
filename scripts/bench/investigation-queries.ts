import type pg from "pg";

// The investigation pages' reads at bench scale (delegations, policy decisions, approvals,
// sessions), as cases for `npm run bench:queries`. Ranges end at the tenant's newest event;
// the session is the busiest one in the registry. Whole-page reads over 7 days aggregate tens
// of thousands of rows, so their budget is half a second; the session reads are index lookups.

import type { BenchCase } from "./stats";

const DAY = 86_400_000;
const PAGE_BUDGET_MS = 500;

export async function investigationBenchCases(tenantId: string, client: pg.Pool | pg.PoolClient): Promise<BenchCase[]> {
  const { delegationOverview } = await import("../../lib/queries/delegations");
  const { policyDecisions } = await import("../../lib/queries/policy-decisions");
  const { approvalsOverview } = await import("../../lib/queries/approvals");
  const { sessionEvents, sessionSummary, listSessions } = await import("../../lib/queries/session-events");
  const { rows: facts } = await client.query<{ newest: Date | null }>(
    "SELECT max(time) AS newest FROM events WHERE tenant_id = $1",
    [tenantId],
  );
  const newest = facts[0]?.newest ?? new Date();
  const days = (n: number) => ({ from: new Date(newest.getTime() - n * DAY), to: newest });
  const { rows: sessions } = await client.query<{ session_key: string; event_count: string }>(
    "SELECT session_key, event_count FROM sessions WHERE tenant_id = $1 ORDER BY event_count DESC LIMIT 1",
    [tenantId],
  );
  const session = sessions[0]?.session_key;

  const cases: BenchCase[] = [
    {
      name: "delegations page, 7 d",
      run: async () => (await delegationOverview(tenantId, days(7))).paths.length,
      target: PAGE_BUDGET_MS,
    },
    {
      name: "policy decisions page, 7 d",
      run: async () => (await policyDecisions(tenantId, days(7))).policies.length,
      target: PAGE_BUDGET_MS,
    },
    {
      name: "approvals page, 7 d",
      run: async () => (await approvalsOverview(tenantId, days(7))).approvals.length,
      target: PAGE_BUDGET_MS,
    },
    { name: "sessions list, page 1", run: async () => (await listSessions(tenantId)).sessions.length, target: 50 },
  ];
  if (session)
    cases.push({
      name: `session page (${sessions[0]?.event_count} events)`,
      run: async () => {
        const [summary, events] = await Promise.all([
          sessionSummary(tenantId, session),
          sessionEvents(tenantId, session),
        ]);
        return summary ? events.events.length : 0;
      },
      target: 50,
    });
  return cases;
}
