import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseName, dropDatabase, migrateDeploy, runPrisma, withDatabaseName } from "../lib/database";

// Guards the migration history: a fresh database migrated from prisma/migrations must match
// prisma/schema.prisma exactly, and the hand-written append-only guard on `events` must hold.
// Runs the real Prisma CLI through our WASM schema-engine stand-in.

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("DATABASE_URL is not set (the vitest global setup provides it)");
const freshUrl = withDatabaseName(baseUrl, `${databaseName(baseUrl)}_mig_${process.pid}_${Date.now().toString(36)}`);

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
