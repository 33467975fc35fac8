// Read-path benchmark: the explorer, overview, agent-list and investigation queries (trace,
// consent timeline, delegations, policy decisions, approvals, sessions) at a million events.
//
//   npm run bench:queries -- [--events N] [--runs 50] [--database attest_bench_queries]
//
//   --events N       events in the `bench-queries` tenant (default 1,000,000); seeded once
//                    through ingestEvents in batches of 1,000, reused on later runs
//   --runs R         timed runs per query (default 50), after 3 untimed warm-up runs
//   --database NAME  database to use (default attest_bench_queries); created and migrated if
//                    needed, never dropped, so the seed survives between runs
//
// Postgres: the server DATABASE_URL points at when set, else embedded Postgres in
// .data/bench-pg on port 54349 (the same one bench:ingest uses). Ranges are anchored at the
// tenant's newest event, so a reused seed measures the same windows however old it is.
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabase, migrateDeploy, withDatabaseName } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { fmtInt, fmtMs, percentile, table } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
const WARMUP = 3;

const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "50" },
    database: { type: "string", default: "attest_bench_queries" },
  },
});
const target = Number(String(flags.events).replaceAll("_", ""));
const runs = Number(flags.runs);
if (!Number.isInteger(target) || target < 1) throw new Error("--events must be a positive integer");
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");

const cleanups: (() => Promise<void>)[] = [];
const step = (message: string) => console.error(`· ${message}`);

async function databaseUrl(): Promise<string> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    step("starting embedded Postgres (.data/bench-pg, port 54349)");
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, ".data/bench-pg"), port: 54349 });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.url;
  }
  const url = withDatabaseName(serverUrl, flags.database as string);
  step(`using database ${flags.database} (migrating if needed)`);
  await ensureDatabase(url);
  await migrateDeploy(url);
  return url;
}

type Result = { name: string; p50: number; p95: number; rows: number; target?: number; note?: string };

async function measure(name: string, run: () => Promise<number>, targetMs?: number): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  step(`${name}: p95 ${fmtMs(percentile(times, 95))} ms`);
  return {
    name,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rows,
    ...(targetMs ? { target: targetMs } : {}),
  };
}

async function main() {
  process.env.DATABASE_URL = await databaseUrl();
  process.env.LOG_LEVEL ??= "error";
  const { disconnectDb, pool } = await import("../../lib/db");
  cleanups.push(disconnectDb);
  const { ensureBenchTenant } = await import("./queries-seed");
  const { parseEventFilters } = await import("../../lib/filters/event-filters");
  const { eventsPage } = await import("../../lib/queries/events-page");
  const { eventsAfter } = await import("../../lib/queries/events-tail");
  const { eventById } = await import("../../lib/queries/event-by-id");
  const { decodeCursor } = await import("../../lib/queries/events-cursor");
  const { overviewAggregates } = await import("../../lib/queries/overview");
  const { listAgents } = await import("../../lib/queries/agents-list");
  const { traceBenchCases } = await import("./trace-queries");
  const { consentBenchCases } = await import("./consent-queries");
  const { investigationBenchCases } = await import("./investigation-queries");

  const tenant = await ensureBenchTenant(target, step);
  const tenantId = tenant.id;
  const { rows: facts } = await pool().query<{ newest: Date; seq: string; event_id: string }>(
    "SELECT time AS newest, seq, event_id FROM events WHERE tenant_id = $1 ORDER BY time DESC, seq DESC LIMIT 1",
    [tenantId],
  );
  const { rows: busiest } = await pool().query<{ agent_id: string; event_count: string }>(
    "SELECT agent_id, event_count FROM agents WHERE tenant_id = $1 ORDER BY event_count DESC LIMIT 2",
    [tenantId],
  );
  const { rows: humans } = await pool().query<{ user_id: string }>(
    "SELECT user_id FROM human_principals WHERE tenant_id = $1 ORDER BY event_count, user_id LIMIT 1 OFFSET 10",
    [tenantId],
  );
  const newest = facts[0]?.newest ?? new Date();
  const agent = busiest[0]?.agent_id ?? "none";
  const quietAgent = busiest[1]?.agent_id ?? agent;
  const someHuman = humans[0]?.user_id ?? "none";
  const range = (days: number) =>
    `range=custom&from=${new Date(newest.getTime() - days * DAY).toISOString()}&to=${newest.toISOString()}`;
  const filters = (days: number, query = "") => parseEventFilters(new URLSearchParams(`${range(days)}&${query}`));

  const results: Result[] = [];
  // As a viewer sees it: x-attest.* events filtered out, the costlier of the two visibilities.
  const visibility = { selfAudit: false };
  const page = async (f: ReturnType<typeof filters>, cursor?: string) =>
    (await eventsPage(tenantId, f, { visibility, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) })).events.length;

  const twoFilters = filters(7, `agent=${encodeURIComponent(agent)}&outcome=denied`);
  results.push(await measure(`explorer page 1, agent=${agent} + outcome=denied, 7 d`, () => page(twoFilters), 50));
  results.push(await measure("explorer page 1, no filters, 7 d", () => page(filters(7)), 50));
  const rare = filters(7, `agent=${encodeURIComponent(quietAgent)}&outcome=failure`);
  results.push(await measure(`explorer page 1, agent=${quietAgent} + outcome=failure, 7 d`, () => page(rare), 50));
  const human = filters(30, `onBehalfOf=${encodeURIComponent(someHuman)}`);
  results.push(await measure("explorer page 1, onBehalfOf=<a user>, 30 d", () => page(human), 50));

  const deep = filters(30);
  let cursor: string | null = null;
  for (let i = 1; i < 200; i++) {
    const next: string | null = (
      await eventsPage(tenantId, deep, { visibility, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) })
    ).nextCursor;
    if (!next) break;
    cursor = next;
  }
  const deepCursor = cursor ?? undefined;
  results.push(await measure("explorer page 200 by cursor, no filters, 30 d", () => page(deep, deepCursor), 50));
  results.push(
    await measure("explorer page 1, type=mcp.tool.called, 30 d", () => page(filters(30, "type=mcp.tool.called")), 50),
  );
  results.push({
    ...(await measure("explorer page 1, q=refund (common), 7 d", () => page(filters(7, "q=refund")))),
    note: "substring search",
  });
  results.push({
    ...(await measure("explorer page 1, q=no-such-text (rare), 24 h", () => page(filters(1, "q=no-such-text")))),
    note: "scans the range",
  });
  const newestSeq = BigInt(facts[0]?.seq ?? "0");
  results.push(
    await measure(
      "live tail (after newest seq - 50)",
      async () => (await eventsAfter(tenantId, filters(7), newestSeq - 50n, visibility)).length,
      50,
    ),
  );
  const someId = facts[0]?.event_id ?? "";
  results.push(await measure("event by id", async () => ((await eventById(tenantId, someId, visibility)) ? 1 : 0), 50));

  const from = new Date(newest.getTime() - 7 * DAY);
  results.push(
    await measure(
      "overview aggregates, 7 d",
      async () => {
        await overviewAggregates(tenantId, { from, to: newest });
        return 1;
      },
      300,
    ),
  );
  results.push(await measure("agent list, default sort", async () => (await listAgents(tenantId, {})).agents.length));

  // Investigation pages (issue 4): the trace query's target is 20 ms p95.
  const cases = [
    ...(await traceBenchCases(tenantId, pool())),
    ...(await consentBenchCases(tenantId, pool())),
    ...(await investigationBenchCases(tenantId, pool())),
  ];
  for (const c of cases) results.push(await measure(c.name, c.run, c.target));

  console.log("");
  console.log(
    `${fmtInt(tenant.events)} events in tenant bench-queries; ${runs} timed runs per query after ${WARMUP} warm-up runs`,
  );
  console.log(
    table(
      ["query", "rows", "p50 ms", "p95 ms", "target p95", "verdict"],
      results.map((r) => [
        r.name,
        fmtInt(r.rows),
        fmtMs(r.p50),
        fmtMs(r.p95),
        r.target ? `≤ ${r.target}` : "-",
        r.target ? (r.p95 <= r.target ? "OK" : "SLOW") : (r.note ?? "-"),
      ]),
    ),
  );
  if (results.some((r) => r.target && r.p95 > r.target)) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    while (cleanups.length > 0) await (cleanups.pop() as () => Promise<void>)().catch((e) => console.error(e));
    process.exit(process.exitCode ?? 0);
  });
