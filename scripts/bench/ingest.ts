// Ingest benchmark: the HTTP collector against a raw COPY of the same rows.
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
// port with the rate limit off. Each run writes into a fresh tenant; a warm-up (first 10
// batches, into their own tenants) is excluded from the figures. Events are generated to a
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
  step("starting next start (production, rate limit off)");
  const app: AppServer = await startApp({ DATABASE_URL: databaseUrl, INGEST_RATE_LIMIT: "0" });
  cleanups.push(() => app.stop());

  const warmHttp = await createTenant("bench-warmup-http");
  const warmCopy = await createTenant("bench-warmup-copy");
  const httpTenant = await createTenant("bench-collector");
  const copyTenant = await createTenant("bench-copy");
  const warmKey = await createIngestKey(warmHttp.id, "bench");
  const httpKey = await createIngestKey(httpTenant.id, "bench");

  step(`warming up (${WARMUP_BATCHES} batches each way, separate tenants)`);
  const warmBatches: string[] = [];
  const reader = readEventBatches(eventsFile);
  for (let i = 0; i < WARMUP_BATCHES; i++) {
    const line = await reader.next();
    if (line.done) break;
    warmBatches.push(line.value);
  }
  await reader.return?.();
  const warmTally = newTally();
  await Promise.all(warmBatches.map((body) => postBatch(app.baseUrl, warmKey.key, body, warmTally)));
  const warmRowsFile = path.join(workDir, "warmup-rows.tsv");
  const warmEventsFile = path.join(workDir, "warmup.ndjson");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(warmEventsFile, `${warmBatches.join("\n")}\n`);
  await prepareCopyRows(warmEventsFile, warmRowsFile, warmCopy.id);
  for await (const payload of copyPayloads(warmRowsFile, batchSize)) await copyBatch(payload);

  step(`collector: ${fmtInt(total)} events, batches of ${batchSize}, ${concurrency} concurrent senders`);
  const tally = newTally();
  const httpMs = await timed(() =>
    drainConcurrently(readEventBatches(eventsFile), concurrency, (body) =>
      postBatch(app.baseUrl, httpKey.key, body, tally),
    ),
  );
  const collector = summarize(tally.accepted + tally.duplicates, httpMs, tally.latenciesMs);

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
    [[httpTenant.id, copyTenant.id]],
  );
  const countOf = (id: string) => counts.rows.find((r) => r.tenant_id === id) ?? { rows: "0", ids: "0" };
  report(collector, copy, tally, countOf(httpTenant.id), countOf(copyTenant.id));
}

function report(
  collector: RunStats,
  copy: RunStats,
  tally: ReturnType<typeof newTally>,
  httpRows: { rows: string; ids: string },
  copyRows: { rows: string; ids: string },
) {
  console.log("");
  console.log(
    table(
      ["path", "events", "seconds", "events/s", "p50 ms", "p95 ms"],
      [
        [
          "collector (HTTP)",
          fmtInt(collector.events),
          collector.seconds.toFixed(2),
          fmtInt(collector.perSecond),
          fmtMs(collector.p50),
          fmtMs(collector.p95),
        ],
        [
          "raw COPY",
          fmtInt(copy.events),
          copy.seconds.toFixed(2),
          fmtInt(copy.perSecond),
          fmtMs(copy.p50),
          fmtMs(copy.p95),
        ],
      ],
    ),
  );
  console.log(`ratio collector/COPY: ${(collector.perSecond / copy.perSecond).toFixed(3)}`);
  console.log(`(batch ${batchSize}, concurrency ${concurrency}; latency is per request / per COPY statement)`);
  const ok = (rows: { rows: string; ids: string }) => Number(rows.rows) === total && Number(rows.ids) === total;
  console.log(
    `row check: collector tenant ${fmtInt(Number(httpRows.rows))} rows / ${fmtInt(Number(httpRows.ids))} distinct ids ` +
      `(accepted ${fmtInt(tally.accepted)}, duplicates ${fmtInt(tally.duplicates)}, 429 retries ${tally.retries}) ${ok(httpRows) && tally.accepted === total ? "OK" : "MISMATCH"}; ` +
      `COPY tenant ${fmtInt(Number(copyRows.rows))} rows / ${fmtInt(Number(copyRows.ids))} ids ${ok(copyRows) ? "OK" : "MISMATCH"}`,
  );
  if (!ok(httpRows) || !ok(copyRows) || tally.accepted !== total) process.exitCode = 1;
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
