// Report export benchmark: the whole export job (checkpoint, chain verification, report files,
// signed manifest) run in-process over a tenant's entire range, per framework, with peak memory
// sampled as the evidence streams, next to a baseline of raw COPY of the same rows.
//
//   npm run bench:reports -- [--events N] [--frameworks pci,gdpr] [--formats pdf,csv,json]
//                            [--database attest_bench_queries]
//
//   --events N       events in the `bench-queries` tenant (default 1,000,000; seeded once by
//                    ensureBenchTenant, shared with bench:queries, reused on later runs)
//   --frameworks     frameworks to export, comma-separated (default pci,gdpr)
//   --formats        formats of each export (default pdf,csv,json)
//   --database NAME  database (default attest_bench_queries), created and migrated if needed
//
// Postgres: the server DATABASE_URL points at, else 127.0.0.1:5432 as postgres. Files go to a
// temporary ATTEST_EXPORT_DIR that is deleted afterwards. Peak RSS is the process's maxRSS so
// far (it never goes down): flat from 10 % to 100 % of the evidence means memory does not grow
// with the range. Run it on a reused seed; a run that seeded first reports the seed's peak.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { to as copyTo } from "pg-copy-streams";
import { ensureDatabase, migrateDeploy, withDatabaseName } from "../lib/database";
import { fmtInt, table } from "./stats";

const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    frameworks: { type: "string", default: "pci,gdpr" },
    formats: { type: "string", default: "pdf,csv,json" },
    database: { type: "string", default: "attest_bench_queries" },
  },
});
const target = Number(String(flags.events).replaceAll("_", ""));
if (!Number.isInteger(target) || target < 1) throw new Error("--events must be a positive integer");
const frameworks = String(flags.frameworks).split(",").filter(Boolean);
const formats = String(flags.formats).split(",").filter(Boolean);
const step = (message: string) => console.error(`· ${message}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : mb(bytes));
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const memoryNow = () => ({ peak: peakRss(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sample = { at: string; fraction: number; peak: number; rss: number; heap: number };
type Outcome = {
  framework: string;
  seconds: number;
  evidence: number;
  events: number;
  files: { name: string; bytes: number }[];
  phases: [string, number, number][];
  samples: Sample[];
};

async function main() {
  const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const url = withDatabaseName(server, flags.database as string);
  step(`using database ${flags.database} (migrating if needed)`);
  await ensureDatabase(url);
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "error";
  const exportRoot = await mkdtemp(path.join(tmpdir(), "attest-bench-exports-"));
  process.env.ATTEST_EXPORT_DIR = exportRoot;

  const { disconnectDb, pool, prisma } = await import("../../lib/db");
  const { stopBoss } = await import("../../lib/alerts/notify/boss");
  const { requestExport } = await import("../../lib/exports/request");
  const { runExport } = await import("../../lib/exports/job");
  const { ensureBenchTenant } = await import("./queries-seed");
  try {
    const tenant = await ensureBenchTenant(target, step);
    if (tenant.seeded)
      step("this run seeded the tenant: peak RSS below includes the seed; run again for clean figures");
    const { rows } = await pool().query<{ first: Date; last: Date }>(
      "SELECT min(time) AS first, max(time) AS last FROM events WHERE tenant_id = $1",
      [tenant.id],
    );
    const span = rows[0];
    if (!span?.first || !span.last) throw new Error("the benchmark tenant has no events");
    const from = span.first;
    const to = new Date(span.last.getTime() + 1);

    // Baseline: the stored event documents of the tenant, streamed by COPY and thrown away.
    step("baseline: COPY (SELECT data FROM events WHERE tenant_id = …) TO STDOUT → /dev/null");
    const client = await pool().connect();
    let copied = 0;
    const copyStarted = performance.now();
    try {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          copied += chunk.length;
          done();
        },
      });
      await pipeline(
        client.query(copyTo(`COPY (SELECT data FROM events WHERE tenant_id = '${tenant.id}') TO STDOUT`)),
        sink,
      );
    } finally {
      client.release();
    }
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const beforeExports = peakRss();

    const outcomes: Outcome[] = [];
    for (const framework of frameworks) {
      step(`exporting ${framework} (${formats.join(", ")}) over ${from.toISOString()} – ${to.toISOString()}`);
      const { id } = await requestExport(
        tenant.id,
        { email: "bench@attest.local" },
        { framework, from: from.toISOString(), to: to.toISOString(), formats },
      );
      const samples: Sample[] = [];
      const marks = [0.1, 0.5, 1];
      const phases: [string, number, number][] = [];
      const started = performance.now();
      let running = true;
      const watch = (async () => {
        while (running) {
          const row = await prisma.reportExport.findFirst({
            where: { tenantId: tenant.id, id },
            select: { phase: true, progressDone: true, progressTotal: true },
          });
          const seconds = (performance.now() - started) / 1000;
          if (row?.phase && phases.at(-1)?.[0] !== row.phase) phases.push([row.phase, seconds, peakRss()]);
          const total = Number(row?.progressTotal ?? 0);
          if (row?.phase === "events" && total > 0) {
            const fraction = Number(row.progressDone) / total;
            while (marks.length && fraction >= (marks[0] as number)) {
              marks.shift();
              samples.push({
                at: `${Math.round(fraction * 100)} %`,
                fraction,
                ...memoryNow(),
              });
            }
          }
          await sleep(100);
        }
      })();
      await runExport(tenant.id, id);
      running = false;
      await watch;
      const seconds = (performance.now() - started) / 1000;
      const done = await prisma.reportExport.findFirstOrThrow({ where: { tenantId: tenant.id, id } });
      if (done.status !== "done") throw new Error(`export ${framework} ${done.status}: ${done.error}`);
      const manifest = done.manifest as {
        evidenceCount: number;
        eventRange: { count: number };
        files: Outcome["files"];
      };
      samples.push({ at: "end", fraction: 1, ...memoryNow() });
      outcomes.push({
        framework,
        seconds,
        evidence: manifest.evidenceCount,
        events: manifest.eventRange.count,
        files: manifest.files,
        phases,
        samples,
      });
      step(`${framework}: ${seconds.toFixed(1)} s`);
    }

    console.log(
      `\nReport exports over ${fmtInt(tenant.events)} events (tenant ${"bench-queries"}), formats ${formats.join(", ")}\n`,
    );
    console.log(
      `Baseline COPY of the events' data to /dev/null: ${copySeconds.toFixed(1)} s, ${mb(copied)}, ` +
        `${fmtInt(tenant.events / copySeconds)} events/s. Peak RSS before the exports: ${mb(beforeExports)}\n`,
    );
    console.log(
      table(
        ["framework", "elapsed s", "events in range", "evidence rows", "evidence rows/s", "x COPY time"],
        outcomes.map((o) => [
          o.framework,
          o.seconds.toFixed(1),
          fmtInt(o.events),
          fmtInt(o.evidence),
          fmtInt(o.evidence / o.seconds),
          (o.seconds / copySeconds).toFixed(1),
        ]),
      ),
    );
    for (const o of outcomes) {
      console.log(
        `\n${o.framework}: phases (start s, peak RSS when it began) ${o.phases.map(([p, s, peak]) => `${p} ${s.toFixed(1)} s ${mb(peak)}`).join(", ")}`,
      );
      console.log(`  files: ${o.files.map((f) => `${f.name} ${size(f.bytes)}`).join(", ")}`);
      console.log(
        `  memory: ${o.samples.map((s) => `${s.at}: peak ${mb(s.peak)} (rss now ${mb(s.rss)}, heap used ${mb(s.heap)})`).join("; ")}`,
      );
    }
  } finally {
    await rm(exportRoot, { recursive: true, force: true });
    await stopBoss();
    await disconnectDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
