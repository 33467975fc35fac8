import { pool } from "../../lib/db";
import { generateDemoBatches } from "../../lib/demo";
import { ingestEvents } from "../../lib/ingest";
import { createTenant, findTenantBySlug } from "../../lib/tenants";
import { fmtInt } from "./stats";

// Seeds the query benchmark's tenant through the real ingest path (validate, normalize, store,
// registry merges), so the tables and the registries look exactly as they would in production.
// Seeding a million events takes minutes, so it happens once: a later run finds the tenant
// full and reuses it; an interrupted run resumes where it stopped. The generator is
// deterministic for a given `now`, which is kept in the tenant's name for that reason.

export const BENCH_TENANT = "bench-queries";
const SEED = 7;
const DAYS = 30;
const BATCH = 1000;

export type BenchTenant = { id: string; events: number; seeded: boolean };

function nowFromName(name: string): number | undefined {
  const match = /now=(\d+)/.exec(name);
  return match ? Number(match[1]) : undefined;
}

async function eventCount(tenantId: string): Promise<number> {
  const { rows } = await pool().query<{ n: string }>("SELECT count(*) AS n FROM events WHERE tenant_id = $1", [
    tenantId,
  ]);
  return Number(rows[0]?.n ?? 0);
}

export async function ensureBenchTenant(target: number, step: (message: string) => void): Promise<BenchTenant> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const tenant =
    (await findTenantBySlug(BENCH_TENANT)) ??
    (await createTenant(BENCH_TENANT, `Query benchmark (seed=${SEED} days=${DAYS} now=${now})`));
  const existing = await eventCount(tenant.id);
  if (existing >= target) {
    step(`reusing tenant ${BENCH_TENANT}: ${fmtInt(existing)} events`);
    return { id: tenant.id, events: existing, seeded: false };
  }
  const seedNow = nowFromName(tenant.name) ?? now;
  step(`seeding tenant ${BENCH_TENANT}: ${fmtInt(existing)} → ${fmtInt(target)} events through ingestEvents`);
  const started = performance.now();
  let generated = 0;
  let stored = existing;
  for (const batch of generateDemoBatches({ seed: SEED, count: target, now: seedNow, days: DAYS, batchSize: BATCH })) {
    generated += batch.length;
    // Events already stored by an interrupted run come out of the generator identical; skip them
    // cheaply here (ingest would count them as duplicates anyway).
    if (generated <= existing) continue;
    const result = await ingestEvents(tenant.id, batch);
    if (result.rejected.length > 0) throw new Error(`seed event rejected: ${JSON.stringify(result.rejected[0])}`);
    stored += result.accepted;
    // Keep planner statistics current while the table grows from nothing: with stale ones the
    // ingest's duplicate check picks a bitmap scan over the whole tenant (servers with
    // autovacuum off, or slow to react, otherwise slow seeding down tenfold).
    if ((generated / BATCH) % 100 === 0) await pool().query("ANALYZE events");
    if ((generated / BATCH) % 50 === 0) {
      const rate = (stored - existing) / ((performance.now() - started) / 1000);
      step(`  ${fmtInt(stored)} events (${fmtInt(rate)}/s)`);
    }
  }
  await pool().query("ANALYZE events");
  await pool().query("ANALYZE agents");
  return { id: tenant.id, events: await eventCount(tenant.id), seeded: true };
}
