// Ingest benchmark: the HTTP collector with the integrity hash chain on, the same collector
// with it off (ATTEST_BENCH_NO_INTEGRITY=1, a second server), and a raw COPY of the same rows.
// Issue 6 asks the chain to keep the collector within 25% of its figure without it (on/off >= 0.75).
//
//   npm run bench:ingest -- [--events N] [--quick] [--batch-size 500] [--concurrency 4]
//                           [--seed 1] [--database attest_bench] [--build]
//
//   --events N       events per run (default 100,000)
//   --quick          10,000 events
//   --batch-size B   events per request / per COPY (default 500)
//   --concurrency C  concurrent senders (default 4)
//   --seed S         demo generator seed (default 1)
//   --database NAME  database to (re)create and use (default attest_bench); it is dropped
//                    and recreated at the start, and left in place afterwards for inspection
//   --build          run `next build` even if .next/BUILD_ID exists (otherwise only when missing)
//
// Postgres: the server DATABASE_URL points at when set, else embedded Postgres in
// .data/bench-pg on port 54349. The app runs as `next start` (production) on a free loopback
// port with the rate limit off, one server at a time (off first, then on: the "on" run meets the
// larger table, so the ratio errs against it). Each run writes into a fresh tenant; a warm-up
// (first 10 batches, into their own tenants) is excluded from the figures. Afterwards the "on"
// tenant is verified (lib/integrity/verify.ts) and the verifier's rate printed.
// ATTEST_DIST_DIR chooses the build folder (default .next). Events are generated to a
// file in .data/bench first, so generation is never timed and memory stays flat.
import path from "node:path";
import { parseArgs } from "node:util";
import { dropDatabase, ensureDatabase, migrateDeploy, withDatabaseName } from "../lib/database";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { newTally, postBatch } from "./collector";
import { copyBatch, copyPayloads, prepareCopyRows } from "./copy";
import { drainConcurrently, readEventBatches, writeEventBatches } from "./events-file";
import { type AppServer, ensureBuild, startApp } from "./server";
import { fmtInt, fmtMs, type RunStats, summarize, table } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const workDir = path.join(root, ".data/bench");
const WARMUP_BATCHES = 10;

const { values: flags } = parseArgs({
  options: {
    events: { type: "string" },
    quick: { type: "boolean", default: false },
    "batch-size": { type: "string", default: "500" },
    concurrency: { type: "string", default: "4" },
    seed: { type: "string", default: "1" },
    database: { type: "string", default: "attest_bench" },
    build: { type: "boolean", default: false },
  },
});

function positive(name: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return n;
}

const total = flags.quick ? 10_000 : positive("events", flags.events ?? "100000");
const batchSize = positive("batch-size", flags["batch-size"] as string, 1000);
const concurrency = positive("concurrency", flags.concurrency as string, 64);
const seed = Number(flags.seed);

const cleanups: (() => Promise<void>)[] = [];
async function cleanup() {
  while (cleanups.length > 0) await (cleanups.pop() as () => Promise<void>)().catch((e) => console.error(e));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

const step = (message: string) => console.error(`· ${message}`);

async function prepareDatabase(): Promise<string> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    step("starting embedded Postgres (.data/bench-pg, port 54349)");
    const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
      dataDir: path.join(root, ".data/bench-pg"),
      port: 54349,
    });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.url;
  }
  const url = withDatabaseName(serverUrl, flags.database as string);
  step(`recreating database ${flags.database} and migrating it`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrateDeploy(url);
  return url;
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main() {
  const databaseUrl = await prepareDatabase();
  // lib/db reads DATABASE_URL on first use, which happens only after this point.
  process.env.DATABASE_URL = databaseUrl;
  const { disconnectDb, pool } = await import("../../lib/db");
  const { createTenant } = await import("../../lib/tenants");
  const { createIngestKey } = await import("../../lib/keys/ingest-keys");
  cleanups.push(disconnectDb);

  const eventsFile = path.join(workDir, "events.ndjson");
  const rowsFile = path.join(workDir, "copy-rows.tsv");
  step(`generating ${fmtInt(total)} demo events (seed ${seed}) into ${path.relative(root, eventsFile)}`);
  await writeEventBatches(eventsFile, { seed, count: total, batchSize, tenant: "bench-collector" });

  if (await ensureBuild(flags.build as boolean)) step("built the app (next build)");

  const warmBatches: string[] = [];
  const reader = readEventBatches(eventsFile);
  for (let i = 0; i < WARMUP_BATCHES; i++) {
    const line = await reader.next();
    if (line.done) break;
    warmBatches.push(line.value);
  }
  await reader.return?.();

  /** One collector run on its own server: warm-up tenant, then the timed run into a fresh tenant. */
  async function collectorRun(label: string, extraEnv: Record<string, string>) {
    step(`starting next start (production, rate limit off) — ${label}`);
    const app: AppServer = await startApp({ DATABASE_URL: databaseUrl, INGEST_RATE_LIMIT: "0", ...extraEnv });
    try {
      const warm = await createTenant(`bench-warmup-${label}`);
      const warmKey = await createIngestKey(warm.id, "bench");
      const tenant = await createTenant(`bench-collector-${label}`);
      const key = await createIngestKey(tenant.id, "bench");
      step(`warming up (${WARMUP_BATCHES} batches, own tenant)`);
      await Promise.all(warmBatches.map((body) => postBatch(app.baseUrl, warmKey.key, body, newTally())));
      step(`collector ${label}: ${fmtInt(total)} events, batches of ${batchSize}, ${concurrency} concurrent senders`);
      const tally = newTally();
      const ms = await timed(() =>
        drainConcurrently(readEventBatches(eventsFile), concurrency, (body) =>
          postBatch(app.baseUrl, key.key, body, tally),
        ),
      );
      return { tenant, tally, stats: summarize(tally.accepted + tally.duplicates, ms, tally.latenciesMs) };
    } finally {
      await app.stop();
    }
  }

  step(
    "!!! the first run stores events WITHOUT tamper evidence (ATTEST_BENCH_NO_INTEGRITY=1), for the comparison only",
  );
  const off = await collectorRun("integrity-off", { ATTEST_BENCH_NO_INTEGRITY: "1" });
  const on = await collectorRun("integrity-on", {});

  const warmCopy = await createTenant("bench-warmup-copy");
  const copyTenant = await createTenant("bench-copy");
  const warmRowsFile = path.join(workDir, "warmup-rows.tsv");
  const warmEventsFile = path.join(workDir, "warmup.ndjson");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(warmEventsFile, `${warmBatches.join("\n")}\n`);
  await prepareCopyRows(warmEventsFile, warmRowsFile, warmCopy.id);
  for await (const payload of copyPayloads(warmRowsFile, batchSize)) await copyBatch(payload);

  step("preparing COPY rows with the collector's validate → normalize → toEventRow (not timed)");
  const rowCount = await prepareCopyRows(eventsFile, rowsFile, copyTenant.id);
  step(`COPY: ${fmtInt(rowCount)} rows, batches of ${batchSize}, ${concurrency} concurrent connections`);
  const copyLatencies: number[] = [];
  const copyMs = await timed(async () => {
    const payloads = copyPayloads(rowsFile, batchSize);
    await drainConcurrently(payloads, concurrency, async (payload) => {
      const started = performance.now();
      await copyBatch(payload);
      copyLatencies.push(performance.now() - started);
    });
  });
  await pool().query("UPDATE tenants SET event_seq = $2 WHERE id = $1", [copyTenant.id, rowCount]);
  const copy = summarize(rowCount, copyMs, copyLatencies);

  const counts = await pool().query<{ tenant_id: string; rows: string; ids: string }>(
    "SELECT tenant_id, count(*) AS rows, count(DISTINCT event_id) AS ids FROM events WHERE tenant_id = ANY($1::uuid[]) GROUP BY tenant_id",
    [[on.tenant.id, off.tenant.id, copyTenant.id]],
  );
  const countOf = (id: string) => counts.rows.find((r) => r.tenant_id === id) ?? { rows: "0", ids: "0" };

  step("verifying the integrity-on tenant's chain (verifyTenantChain)");
  const { verifyTenantChain } = await import("../../lib/integrity/verify");
  let verified: Awaited<ReturnType<typeof verifyTenantChain>> | undefined;
  const verifyMs = await timed(async () => {
    verified = await verifyTenantChain(on.tenant.id, {});
  });
  report(
    [
      { label: "collector, integrity on", run: on, rows: countOf(on.tenant.id) },
      { label: "collector, integrity off", run: off, rows: countOf(off.tenant.id) },
    ],
    { stats: copy, rows: countOf(copyTenant.id) },
  );
  const check = verified as NonNullable<typeof verified>;
  console.log(
    `verify (integrity on tenant): ${check.status}, ${fmtInt(check.eventsChecked)} events in ${(verifyMs / 1000).toFixed(2)} s ` +
      `(${fmtInt(check.eventsChecked / (verifyMs / 1000))} events/s), ${check.findings.length} finding(s)`,
  );
  if (check.status !== "ok" || check.eventsChecked !== total) process.exitCode = 1;
}

type CollectorRun = { tally: ReturnType<typeof newTally>; stats: RunStats };
type Rows = { rows: string; ids: string };

function report(collectors: { label: string; run: CollectorRun; rows: Rows }[], copy: { stats: RunStats; rows: Rows }) {
  const line = (label: string, s: RunStats) => [
    label,
    fmtInt(s.events),
    s.seconds.toFixed(2),
    fmtInt(s.perSecond),
    fmtMs(s.p50),
    fmtMs(s.p95),
  ];
  console.log("");
  console.log(
    table(
      ["path", "events", "seconds", "events/s", "p50 ms", "p95 ms"],
      [...collectors.map((c) => line(c.label, c.run.stats)), line("raw COPY", copy.stats)],
    ),
  );
  const [on, off] = collectors as [(typeof collectors)[0], (typeof collectors)[0]];
  const onOff = on.run.stats.perSecond / off.run.stats.perSecond;
  console.log(`ratio integrity on/off: ${onOff.toFixed(3)} (target >= 0.75) ${onOff >= 0.75 ? "OK" : "BELOW TARGET"}`);
  console.log(`ratio collector (on)/COPY: ${(on.run.stats.perSecond / copy.stats.perSecond).toFixed(3)}`);
  console.log(`ratio collector (off)/COPY: ${(off.run.stats.perSecond / copy.stats.perSecond).toFixed(3)}`);
  console.log(`(batch ${batchSize}, concurrency ${concurrency}; latency is per request / per COPY statement)`);
  const ok = (rows: Rows) => Number(rows.rows) === total && Number(rows.ids) === total;
  for (const c of collectors) {
    const { tally } = c.run;
    const good = ok(c.rows) && tally.accepted === total;
    console.log(
      `row check: ${c.label} ${fmtInt(Number(c.rows.rows))} rows / ${fmtInt(Number(c.rows.ids))} distinct ids ` +
        `(accepted ${fmtInt(tally.accepted)}, duplicates ${fmtInt(tally.duplicates)}, 429 retries ${tally.retries}) ${good ? "OK" : "MISMATCH"}`,
    );
    if (!good) process.exitCode = 1;
  }
  console.log(
    `row check: COPY ${fmtInt(Number(copy.rows.rows))} rows / ${fmtInt(Number(copy.rows.ids))} ids ${ok(copy.rows) ? "OK" : "MISMATCH"}`,
  );
  if (!ok(copy.rows)) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    // Undici keep-alive sockets and the pg pool are closed; exit even if a timer lingers.
    process.exit(process.exitCode ?? 0);
  });
