import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopBoss } from "../alerts/notify/boss";
import { disconnectDb, pool, prisma } from "../db";
import { postEvents, refundExample, tenantWithKey } from "../testing/fixtures";
import { requestExport } from "./request";
import { PERIOD, runToEnd, useTempExportDir } from "./testing";

// A report that fails after writing some of its files (here: the disk "fills up" once the real
// writer is done): the export ends failed with the reason, keeps no partial files, and records
// x-attest.export.failed.
vi.mock("../reports", async (importOriginal) => {
  const real = await importOriginal<typeof import("../reports")>();
  return {
    ...real,
    writeReport: async (...args: Parameters<typeof real.writeReport>) => {
      await real.writeReport(...args);
      throw new Error("ENOSPC: no space left on device");
    },
  };
});

let root: string;

beforeAll(async () => {
  root = await useTempExportDir();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await stopBoss();
  await disconnectDb();
});

describe("a failing export", () => {
  it("is marked failed with the reason, leaves no files, and records x-attest.export.failed", async () => {
    const { tenant, key } = await tenantWithKey("export-fail");
    expect((await postEvents(key, refundExample())).status).toBe(200);
    const { id } = await requestExport(
      tenant.id,
      { email: "a@example.com" },
      { framework: "sox", ...PERIOD, formats: ["pdf", "csv"] },
    );
    await runToEnd(tenant.id, id);

    const row = await prisma.reportExport.findFirstOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.error).toBe("The export failed: ENOSPC: no space left on device");
    expect(row.manifest).toBeNull();
    expect(await stat(path.join(root, tenant.id, id)).catch(() => null)).toBeNull();
    expect(await readdir(path.join(root, tenant.id))).toEqual([]);

    const { rows } = await pool().query<{ type: string; outcome: string; reason: string }>(
      `SELECT type, data->>'outcome' AS outcome, data->>'reason' AS reason FROM events
        WHERE tenant_id = $1 AND type LIKE 'x-attest.export.%' ORDER BY seq`,
      [tenant.id],
    );
    expect(rows).toEqual([
      { type: "x-attest.export.requested", outcome: "success", reason: null },
      { type: "x-attest.export.failed", outcome: "failure", reason: "ENOSPC: no space left on device" },
    ]);
  });
});
