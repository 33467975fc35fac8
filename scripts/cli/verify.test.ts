import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "../../lib/db";
import { seededTenant, tamper } from "../../lib/integrity/testing";
import { attest } from "./run-attest";

// `attest verify` and `attest checkpoint` as child processes, as operators and CI run them:
// exit 0 clean, 1 naming the changed event, 2 when it cannot check.

afterAll(() => disconnectDb());

const slugOf = async (tenantId: string) => (await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).slug;

describe("attest verify", () => {
  it("signs a checkpoint, verifies clean, then names a deleted and a modified event", {
    timeout: 180_000,
  }, async () => {
    const { tenantId, ids } = await seededTenant("cli-verify");
    const slug = await slugOf(tenantId);

    const signed = await attest("checkpoint", "--tenant", slug);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/checkpoint seq 10 head [0-9a-f]{64}/);

    const clean = await attest("verify", "--tenant", slug);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("OK: 10 event(s) checked (seq 1–10), 1 signed checkpoint(s); no tampering found");

    await tamper(async (db) => {
      await db.query("DELETE FROM events WHERE tenant_id = $1 AND seq = 4", [tenantId]);
      await db.query("UPDATE events SET data = jsonb_set(data, '{type}', '\"x.y\"') WHERE tenant_id = $1 AND seq = 7", [
        tenantId,
      ]);
    });
    const tampered = await attest("verify", "--tenant", slug, "--json");
    expect(tampered.code, tampered.stderr).toBe(1);
    const result = JSON.parse(tampered.stdout);
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "deleted", seq: "4" }),
        expect.objectContaining({ kind: "modified", seq: "7", eventId: ids[6] }),
      ]),
    );
    const runs = await prisma.integrityVerification.findMany({ where: { tenantId, requestedBy: "cli" } });
    expect(runs.map((r) => r.status).sort()).toEqual(["failed", "ok"]);
  });

  it("exits 2 for an unknown tenant or a bad range", { timeout: 180_000 }, async () => {
    const unknown = await attest("verify", "--tenant", "no-such-tenant-anywhere");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown tenant");
    const { tenantId } = await seededTenant("cli-verify");
    const bad = await attest("verify", "--tenant", await slugOf(tenantId), "--from-seq", "9", "--to-seq", "3");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("fromSeq must not be after toSeq");
  });
});
