import { existsSync } from "node:fs";
import path from "node:path";
import { dropDatabase, migrateDeploy, withDatabaseName } from "./lib/database";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { bin, onStopSignal, projectRoot, redactPassword, run, stopChildren } from "./lib/processes";

// `npm test`: Vitest against a real Postgres, then the Playwright suite in Chromium against the
// built app. TEST_DATABASE_URL picks the server; without it an embedded Postgres is started
// (data in .data/test-pg, port 54339). Extra arguments go to Vitest: `npm test -- lib/ingest`.

const EMBEDDED = { dataDir: path.join(projectRoot, ".data/test-pg"), port: 54339 };
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const requireE2e = process.env.ATTEST_REQUIRE_E2E === "1";

let embedded: EmbeddedPostgres | undefined;

type Step = { name: string; status: "passed" | "failed" | "skipped"; seconds: number; note?: string };
const steps: Step[] = [];

async function step(name: string, body: () => Promise<number | string>): Promise<void> {
  const began = Date.now();
  console.log(`\n▶ ${name}`);
  const result = await body().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  });
  const seconds = (Date.now() - began) / 1000;
  if (typeof result === "string") steps.push({ name, status: "skipped", seconds, note: result });
  else steps.push({ name, status: result === 0 ? "passed" : "failed", seconds, note: result ? `exit ${result}` : "" });
}

async function shutdown() {
  await stopChildren();
  await embedded?.stop();
}

// Each run gets a fresh e2e database. Named after the test database when that was given, so two
// checkouts testing against one shared server do not drop each other's e2e data.
function e2eDatabaseUrl(testUrl: string): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  if (embedded) return withDatabaseName(testUrl, "attest_e2e");
  const testName = new URL(testUrl).pathname.slice(1) || "attest_test";
  return withDatabaseName(testUrl, `${testName}_e2e`);
}

async function e2e(testUrl: string): Promise<number | string> {
  if (!existsSync(chromium)) {
    const message = `e2e skipped: Chromium not found at ${chromium} (apt-get install chromium)`;
    console.log(message);
    if (!requireE2e) return message;
    console.error("ATTEST_REQUIRE_E2E=1: Chromium is required.");
    return 1;
  }
  const e2eUrl = e2eDatabaseUrl(testUrl);
  console.log(`E2E database: ${redactPassword(e2eUrl)}`);
  await dropDatabase(e2eUrl);
  await migrateDeploy(e2eUrl);
  const seeded = await run(bin("tsx"), ["scripts/seed.ts", "--if-empty"], { ...process.env, DATABASE_URL: e2eUrl });
  if (seeded !== 0) return seeded;
  // playwright.config.ts builds the app and starts it on this database.
  return run(bin("playwright"), ["test"], { ...process.env, E2E_DATABASE_URL: e2eUrl, CHROMIUM_PATH: chromium });
}

async function main(): Promise<number> {
  onStopSignal(shutdown);
  const began = Date.now();

  let testUrl = process.env.TEST_DATABASE_URL;
  if (!testUrl) {
    embedded = await startEmbeddedPostgres(EMBEDDED);
    testUrl = withDatabaseName(embedded.url, "attest_test");
    process.env.TEST_DATABASE_URL = testUrl;
  }
  console.log(`Test database: ${redactPassword(testUrl)}${embedded ? " (embedded)" : ""}`);

  const url = testUrl;
  // Every run starts from an empty database (Vitest's global setup migrates it): nothing a
  // previous run or another checkout left behind, such as a signing key stored under another
  // ATTEST_SECRET_KEY, can change the result.
  await dropDatabase(url);
  const vitestArgs = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
  await step("vitest", () => run(bin("vitest"), ["run", ...vitestArgs]));
  await step("playwright (e2e)", () => e2e(url));

  console.log("\nSummary");
  for (const { name, status, seconds, note } of steps) {
    console.log(`  ${status.padEnd(7)} ${name.padEnd(18)} ${seconds.toFixed(1).padStart(6)} s  ${note ?? ""}`);
  }
  const failed = steps.some((s) => s.status === "failed");
  console.log(`${failed ? "FAILED" : "OK"} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await shutdown().catch(() => {});
    process.exit(code);
  });
