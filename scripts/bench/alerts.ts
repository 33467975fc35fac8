// Alert benchmark: collector throughput with ten enabled rules being evaluated next to it,
// against the same run with no rules, and event-to-alert latency.
//
//   npm run bench:alerts -- [--events N] [--batch-size 500] [--concurrency 4] [--database attest_bench_alerts]
//
// Both runs post the same demo events over HTTP to `next start` (rate limit off), into fresh
// tenants. During the second, an alert worker (the loop `npm run worker` runs, every 500 ms)
// evaluates scripts/bench/alert-rules.yaml for that tenant in this process, as a production
// worker would next to the app. Latency is an alert's fired_at minus the received_at of the
// newest event it cites: how long after the deciding event was committed the alert existed.
// Postgres: DATABASE_URL's server when set, else embedded Postgres (.data/bench-pg, port 54349).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { dropDatabase, ensureDatabase, migrateDeploy, withDatabaseName } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { newTally, postBatch } from "./collector";
import { drainConcurrently, readEventBatches, writeEventBatches } from "./events-file";
import { ensureBuild, startApp } from "./server";
import { fmtInt, fmtMs, percentile, summarize, table } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "30000" },
    "batch-size": { type: "string", default: "500" },
    concurrency: { type: "string", default: "4" },
    database: { type: "string", default: "attest_bench_alerts" },
  },
});
const total = Number(String(flags.events).replaceAll("_", ""));
const batchSize = Number(flags["batch-size"]);
const concurrency = Number(flags.concurrency);
const cleanups: (() => Promise<void>)[] = [];
const step = (message: string) => console.error(`· ${message}`);

async function databaseUrl(): Promise<string> {
  let server = process.env.DATABASE_URL;
  if (!server) {
    step("starting embedded Postgres (.data/bench-pg, port 54349)");
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, ".data/bench-pg"), port: 54349 });
    cleanups.push(() => embedded.stop());
    server = embedded.url;
  }
  const url = withDatabaseName(server, flags.database as string);
  step(`recreating database ${flags.database}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrateDeploy(url);
  return url;
}

async function main() {
  const url = await databaseUrl();
  process.env.DATABASE_URL = url;
  const { disconnectDb, pool } = await import("../../lib/db");
  const { createTenant } = await import("../../lib/tenants");
  const { createIngestKey } = await import("../../lib/keys/ingest-keys");
  const { parseRuleSet } = await import("../../lib/alerts/rules/document");
  const { applyRuleSet } = await import("../../lib/alerts/rules/store");
  const { startAlertWorker, evaluateAllTenants } = await import("../../lib/alerts/worker");
  cleanups.push(disconnectDb);

  const file = path.join(root, ".data/bench/alerts-events.ndjson");
  step(`generating ${fmtInt(total)} demo events`);
  await writeEventBatches(file, { seed: 7, count: total, batchSize, tenant: "bench-alerts" });
  if (await ensureBuild(false)) step("built the app (next build)");
  const app = await startApp({ DATABASE_URL: url, INGEST_RATE_LIMIT: "0" });
  cleanups.push(() => app.stop());

  const send = async (slug: string) => {
    const tenant = await createTenant(slug);
    const key = await createIngestKey(tenant.id, "bench");
    const tally = newTally();
    const started = performance.now();
    await drainConcurrently(readEventBatches(file), concurrency, (body) =>
      postBatch(app.baseUrl, key.key, body, tally),
    );
    return { tenant, tally, stats: summarize(tally.accepted, performance.now() - started, tally.latenciesMs) };
  };

  step("warm-up run (not reported)");
  await send("bench-alerts-warmup");
  step(`collector without rules: ${fmtInt(total)} events`);
  const plain = await send("bench-no-rules");

  const rulesTenant = await createTenant("bench-rules");
  const parsed = parseRuleSet(readFileSync(path.join(import.meta.dirname, "alert-rules.yaml"), "utf8"));
  if (!parsed.ok) throw new Error(`alert-rules.yaml: ${JSON.stringify(parsed.errors)}`);
  await applyRuleSet(rulesTenant.id, parsed.ruleSet, { actor: "system:bench", source: "api" });
  const worker = startAlertWorker({ intervalMs: 500, onlyTenants: [rulesTenant.id] });
  step(`collector with ${parsed.ruleSet.rules.length} enabled rules and the worker running: ${fmtInt(total)} events`);
  const key = await createIngestKey(rulesTenant.id, "bench");
  const tally = newTally();
  const started = performance.now();
  await drainConcurrently(readEventBatches(file), concurrency, (body) => postBatch(app.baseUrl, key.key, body, tally));
  const withRules = summarize(tally.accepted, performance.now() - started, tally.latenciesMs);
  await worker.stop();
  // Deadlines of sequence rules are decided against the clock, so catch up once more.
  await evaluateAllTenants({ onlyTenants: [rulesTenant.id] });

  const { rows } = await pool().query<{ rule_id: string; latency_ms: number }>(
    `SELECT a.rule_id, extract(epoch FROM a.fired_at - max(e.received_at)) * 1000 AS latency_ms
       FROM alerts a JOIN events e ON e.tenant_id = a.tenant_id AND e.event_id = ANY(a.evidence_ids)
      WHERE a.tenant_id = $1 GROUP BY a.id, a.rule_id`,
    [rulesTenant.id],
  );
  const latencies = rows.map((r) => Number(r.latency_ms)).sort((a, b) => a - b);
  const byRule = new Map<string, number>();
  for (const r of rows) byRule.set(r.rule_id, (byRule.get(r.rule_id) ?? 0) + 1);

  console.log("");
  console.log(
    table(
      ["run", "events", "events/s", "p50 ms", "p95 ms"],
      [
        [
          "collector, no rules",
          fmtInt(plain.stats.events),
          fmtInt(plain.stats.perSecond),
          fmtMs(plain.stats.p50),
          fmtMs(plain.stats.p95),
        ],
        [
          "collector, 10 rules + worker",
          fmtInt(withRules.events),
          fmtInt(withRules.perSecond),
          fmtMs(withRules.p50),
          fmtMs(withRules.p95),
        ],
      ],
    ),
  );
  const ratio = withRules.perSecond / plain.stats.perSecond;
  console.log(`throughput with rules / without: ${ratio.toFixed(3)} (target ≥ 0.8)`);
  console.log(
    `alerts: ${fmtInt(rows.length)} (${[...byRule].map(([rule, n]) => `${rule} ${n}`).join(", ")}); ` +
      `event-to-alert latency p50 ${fmtMs(percentile(latencies, 50))} ms, p95 ${fmtMs(percentile(latencies, 95))} ms (target ≤ 10,000)`,
  );
  if (ratio < 0.8 || percentile(latencies, 95) > 10_000) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    while (cleanups.length) await (cleanups.pop() as () => Promise<void>)().catch((e) => console.error(e));
    process.exit(process.exitCode ?? 0);
  });
