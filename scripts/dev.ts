import net from "node:net";
import path from "node:path";
import { type AlertWorker, startAlertWorker } from "../lib/alerts/worker";
import { disconnectDb } from "../lib/db";
import { ensureDemoAdmin, ensureDevSecret, signInHint } from "../lib/demo/demo-admin";
import { type CheckpointLoop, startCheckpointLoop } from "../lib/integrity/checkpoints";
import { migrateDeploy, withDatabaseName } from "./lib/database";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { bin, onStopSignal, projectRoot, redactPassword, run, start, stopChildren } from "./lib/processes";

// `npm run dev`: a working Attest on a bare machine. Without DATABASE_URL it starts an embedded
// Postgres (data in .data/dev-pg); with DATABASE_URL it uses that server and nothing else.
// Then: migrate, load demo data if the database has no events, make sure the demo tenant has an
// admin (generated password, kept in .data/demo-admin.json), start `next dev`, and evaluate
// alert rules in this process.

const EMBEDDED = { dataDir: path.join(projectRoot, ".data/dev-pg"), port: 54329, database: "attest" };
// Git-ignored, mode 0600: generated per machine, never a default baked into the code.
const DEMO_ADMIN_FILE = path.join(projectRoot, ".data/demo-admin.json");
const DEV_SECRET_FILE = path.join(projectRoot, ".data/nextauth-secret");
const host = process.env.HOST || "127.0.0.1";
// A self-hosted audit tool should not phone home; these machines are offline anyway.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = process.env.PORT || "3000";

let embedded: EmbeddedPostgres | undefined;
let worker: AlertWorker | undefined;
let checkpoints: CheckpointLoop | undefined;
let shuttingDown = false;

async function shutdown() {
  shuttingDown = true;
  await worker?.stop();
  await checkpoints?.stop();
  await stopChildren();
  await embedded?.stop();
}

async function main() {
  const began = Date.now();
  onStopSignal(shutdown);

  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(EMBEDDED);
    process.env.DATABASE_URL = withDatabaseName(embedded.url, EMBEDDED.database);
  }
  const databaseUrl = process.env.DATABASE_URL;
  console.log(`Database: ${redactPassword(databaseUrl)}${embedded ? " (embedded)" : " (from DATABASE_URL)"}`);

  await migrateDeploy(databaseUrl);
  const seeded = await run(bin("tsx"), ["scripts/seed.ts", "--if-empty"]);
  if (seeded !== 0) throw new Error(`Loading demo data failed (exit code ${seeded}).`);
  const demoAdmin = await ensureDemoAdmin({ credentialsFile: DEMO_ADMIN_FILE });
  await disconnectDb();

  const url = `http://${host}:${port}`;
  process.env.NEXTAUTH_SECRET ||= ensureDevSecret(DEV_SECRET_FILE);
  process.env.NEXTAUTH_URL ||= url;

  const next = start(bin("next"), ["dev", "--hostname", host, "--port", port]);
  next.on("exit", (code) => {
    if (shuttingDown) return;
    console.error(`next dev exited (code ${code}).`);
    void shutdown().finally(() => process.exit(code ?? 1));
  });
  await waitForPort(host, Number(port));
  // Alert rules are evaluated in this process in development (npm run worker in production).
  worker = startAlertWorker();
  // Integrity checkpoints are signed here too (every 10 s).
  checkpoints = startCheckpointLoop();

  console.log(
    [
      "",
      "────────────────────────────────────────────────────────",
      `  Attest is running:  ${url}`,
      `  Sign in:            ${signInHint(demoAdmin)}`,
      `  Ready in ${((Date.now() - began) / 1000).toFixed(1)} s. Ctrl-C stops Next.js${embedded ? " and Postgres" : ""}.`,
      "────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
}

function waitForPort(hostname: string, portNumber: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host: hostname, port: portNumber });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Next.js did not listen on ${hostname}:${portNumber}.`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown().catch(() => {});
  process.exit(1);
});
