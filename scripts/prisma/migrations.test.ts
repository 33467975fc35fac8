import { randomUUID } from "node:crypto";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseName, dropDatabase, migrateDeploy, runPrisma, withDatabaseName } from "../lib/database";

// Guards the migration history: a fresh database migrated from prisma/migrations must match
// prisma/schema.prisma exactly, and the hand-written append-only guard on `events` must hold.
// Runs the real Prisma CLI through our WASM schema-engine stand-in.

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("DATABASE_URL is not set (the vitest global setup provides it)");
const freshUrl = withDatabaseName(baseUrl, `${databaseName(baseUrl)}_mig_${process.pid}_${Date.now().toString(36)}`);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("prisma migrations", () => {
  let client: pg.Client;

  beforeAll(async () => {
    await migrateDeploy(freshUrl);
    client = new pg.Client({ connectionString: freshUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end().catch(() => {});
    await dropDatabase(freshUrl);
  });

  it("migrations reproduce schema.prisma exactly (migrate diff is empty)", async () => {
    const { stdout, exitCode } = await runPrisma(
      freshUrl,
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      { allowExitCodes: [2] },
    );
    expect(stdout).toMatch(/No difference detected|empty migration/);
    expect(exitCode).toBe(0);
  });

  it("the migrated database is up to date (migrate status)", async () => {
    const { stdout } = await runPrisma(freshUrl, ["migrate", "status"]);
    expect(stdout).toContain("Database schema is up to date!");
  });

  it("events are append-only: UPDATE, DELETE and TRUNCATE fail", async () => {
    const tenantId = randomUUID();
    await client.query(
      `INSERT INTO events (tenant_id, seq, event_id, type, time, outcome, actor_type, actor_id, data)
       VALUES ($1, 1, 'evt_1', 'tool.call', now(), 'success', 'agent', 'agent_1', '{}'::jsonb)`,
      [tenantId],
    );
    await expect(
      client.query("UPDATE events SET outcome = 'failure' WHERE tenant_id = $1", [tenantId]),
    ).rejects.toThrow(/events are append-only/);
    await expect(client.query("DELETE FROM events WHERE tenant_id = $1", [tenantId])).rejects.toThrow(
      /events are append-only/,
    );
    await expect(client.query("TRUNCATE events")).rejects.toThrow(/events are append-only/);

    const { rows } = await client.query("SELECT outcome FROM events WHERE tenant_id = $1", [tenantId]);
    expect(rows).toEqual([{ outcome: "success" }]);
  });
});

// `migrate dev` against a database that is behind the migrations folder (here: a fresh one), which
// then has to create a migration: the path where the WASM engine needs the migration history's
// schema for evaluateDataLoss/createMigration after applying the pending migrations. Works on a
// copy of prisma/ in a temp directory with its own prisma.config.ts, so prisma/ is never touched.
describe("prisma migrate dev", () => {
  const devUrl = withDatabaseName(baseUrl, `${databaseName(baseUrl)}_dev_${process.pid}_${Date.now().toString(36)}`);
  let workDir: string;
  let migrationsDir: string;
  let schemaPath: string;
  let configPath: string;
  let originalMigrations: string[];

  const migrationFolders = async () =>
    (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const migrateDev = (name: string) => runPrisma(devUrl, ["migrate", "dev", "--name", name, "--config", configPath]);
  /** The migration folders created since `before`, with their SQL. */
  const newMigrations = async (before: string[]) =>
    Promise.all(
      (await migrationFolders())
        .filter((name) => !before.includes(name))
        .map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") })),
    );

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "attest-migrate-dev-"));
    migrationsDir = path.join(workDir, "migrations");
    schemaPath = path.join(workDir, "schema.prisma");
    configPath = path.join(workDir, "prisma.config.ts");
    await cp(path.join(repoRoot, "prisma/schema.prisma"), schemaPath);
    await cp(path.join(repoRoot, "prisma/migrations"), migrationsDir, { recursive: true });
    originalMigrations = await migrationFolders();
    const standIn = path.join(repoRoot, "scripts/prisma/schema-engine.mjs");
    const prismaConfigModule = path.join(repoRoot, "node_modules/prisma/config.js");
    await writeFile(
      configPath,
      `import { defineConfig } from ${JSON.stringify(prismaConfigModule)};
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= ${JSON.stringify(standIn)};
export default defineConfig({
  schema: ${JSON.stringify(schemaPath)},
  migrations: { path: ${JSON.stringify(migrationsDir)} },
  datasource: { url: process.env.DATABASE_URL! },
});
`,
    );
  });

  afterAll(async () => {
    await dropDatabase(devUrl);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("creates and applies a new migration when the schema changes (database behind the folder)", async () => {
    await appendFile(schemaPath, "\nmodel MigrateDevProbe {\n  id    Int    @id\n  label String\n}\n");
    const { stdout } = await migrateDev("probe");
    expect(stdout).toContain("Your database is now in sync with your schema.");

    const [created, ...more] = await newMigrations(originalMigrations);
    expect(more).toEqual([]);
    expect(created?.name).toMatch(/^\d{14}_probe$/);
    expect(created?.sql).toContain('CREATE TABLE "MigrateDevProbe"');

    const client = new pg.Client({ connectionString: devUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT finished_at IS NOT NULL AS applied FROM _prisma_migrations WHERE migration_name = $1",
        [created?.name],
      );
      expect(rows).toEqual([{ applied: true }]);
      await client.query('SELECT id, label FROM "MigrateDevProbe"');
    } finally {
      await client.end();
    }
  }, 180_000);

  it("says already in sync when nothing changed", async () => {
    const before = await migrationFolders();
    const { stdout } = await migrateDev("noop");
    expect(stdout).toContain("Already in sync");
    expect(await migrationFolders()).toEqual(before);
  }, 180_000);

  it("creates the next migration on an up-to-date database", async () => {
    const before = await migrationFolders();
    await appendFile(schemaPath, "\nmodel MigrateDevProbeTwo {\n  id Int @id\n}\n");
    await migrateDev("probe_two");
    const [created, ...more] = await newMigrations(before);
    expect(more).toEqual([]);
    expect(created?.name).toMatch(/^\d{14}_probe_two$/);
    expect(created?.sql).toContain('CREATE TABLE "MigrateDevProbeTwo"');
  }, 180_000);
});
