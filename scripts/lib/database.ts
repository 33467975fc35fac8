import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

// Database lifecycle helpers for the dev launcher and the test setup: create the database a URL
// names, migrate it with the local Prisma CLI (through our offline schema-engine stand-in, see
// scripts/prisma/schema-engine.mjs), and drop it again.

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const prismaBin = path.join(repoRoot, "node_modules", ".bin", "prisma");

/** The database name a postgres:// URL points at. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error("The database URL names no database");
  return name;
}

/** The same server, credentials and parameters as `url`, but database `name`. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `fn` on a connection to the maintenance database (`postgres`, else `template1`) of the server. */
async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (const maintenance of ["postgres", "template1"]) {
    const client = new pg.Client({ connectionString: withDatabaseName(url, maintenance) });
    client.on("error", () => {}); // reported through the failing call instead
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      lastError = error;
      if ((error as { code?: string }).code === "3D000") continue; // no such maintenance database
      throw error;
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw lastError;
}

/** Creates the database `url` names unless it exists (also when someone creates it concurrently). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenanceClient(url, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      if ((error as { code?: string }).code !== "42P04") throw error; // 42P04: duplicate_database
    }
  });
}

/** Drops the database `url` names, disconnecting any sessions still using it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

/** Runs the local Prisma CLI in the repository root against `url`. Throws with its output on failure. */
export async function runPrisma(
  url: string,
  args: string[],
  options: { allowExitCodes?: number[] } = {},
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(prismaBin, args, {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
    });
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    const exitCode = typeof failure.code === "number" ? failure.code : -1;
    const stdout = failure.stdout ?? "";
    const stderr = failure.stderr ?? "";
    if (options.allowExitCodes?.includes(exitCode)) return { stdout, stderr, exitCode };
    const output = [stdout.trim(), stderr.trim()].filter(Boolean).join("\n");
    throw new Error(`prisma ${args.join(" ")} failed (exit code ${exitCode}):\n${output || failure.message}`);
  }
}

/** Creates the database if needed and applies all pending migrations (`prisma migrate deploy`). Quiet on success. */
export async function migrateDeploy(url: string): Promise<void> {
  await ensureDatabase(url);
  await runPrisma(url, ["migrate", "deploy"]);
}
