import type pg from "pg";

// The trace page's reads at bench scale, as cases for `npm run bench:queries`:
//
//   const { traceBenchCases } = await import("./trace-queries");
//   for (const c of await traceBenchCases(tenantId, pool())) results.push(await measure(c.name, c.run, c.target));
//
// Ids are picked from the seeded data: the newest approved large refund (the page's showcase,
// with a minutes-long approval wait), the request with the most events, and its W3C trace id.
// The target is the trace query ≤ 20 ms p95 at 1M events; the whole page read (flags
// included) is measured too, without a target of its own.

import type { BenchCase } from "./stats";

const TRACE_TARGET_MS = 20;

export async function traceBenchCases(tenantId: string, client: pg.Pool | pg.PoolClient): Promise<BenchCase[]> {
  const { traceEvents } = await import("../../lib/queries/trace");
  const { loadTraceView } = await import("../../lib/traces/view");
  const { rows: refunds } = await client.query<{ correlation_id: string; trace_id: string | null }>(
    `SELECT correlation_id, trace_id FROM events
      WHERE tenant_id = $1 AND type = 'approval.granted' AND correlation_id IS NOT NULL
      ORDER BY time DESC LIMIT 1`,
    [tenantId],
  );
  // The largest request among the newest 20,000 events (an everyday request has 3–8 events).
  const { rows: largest } = await client.query<{ correlation_id: string; trace_id: string | null; n: string }>(
    `SELECT correlation_id, min(trace_id) AS trace_id, count(*) AS n FROM (
       SELECT correlation_id, trace_id FROM events WHERE tenant_id = $1 AND correlation_id IS NOT NULL
        ORDER BY time DESC LIMIT 20000) recent
      GROUP BY correlation_id ORDER BY count(*) DESC, correlation_id LIMIT 1`,
    [tenantId],
  );
  const refund = refunds[0];
  const big = largest[0];
  const count = (id: string) => async () => (await traceEvents(tenantId, id)).events.length;

  const cases: BenchCase[] = [];
  if (refund) {
    cases.push({
      name: "trace by correlation id (approved refund)",
      run: count(refund.correlation_id),
      target: TRACE_TARGET_MS,
    });
    if (refund.trace_id)
      cases.push({
        name: "trace by W3C trace id (approved refund)",
        run: count(refund.trace_id),
        target: TRACE_TARGET_MS,
      });
    cases.push({
      name: "trace page read: events + flags + waterfall + story",
      run: async () => (await loadTraceView(tenantId, refund.correlation_id))?.events.length ?? 0,
    });
  }
  if (big && big.correlation_id !== refund?.correlation_id)
    cases.push({
      name: `trace by correlation id (largest recent request, ${big.n} events)`,
      run: count(big.correlation_id),
      target: TRACE_TARGET_MS,
    });
  cases.push({ name: "trace of an unknown id (404)", run: count("req-not-in-this-tenant"), target: TRACE_TARGET_MS });
  return cases;
}
