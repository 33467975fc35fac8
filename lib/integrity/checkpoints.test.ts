import { describe, expect, it } from "vitest";
import { pool, prisma } from "@/lib/db";
import { event, postEvents } from "@/lib/testing/fixtures";
import { checkpointAllTenants, checkpointNow, checkpointsCovering, latestCheckpoint } from "./checkpoints";
import { publicKeys } from "./keys";
import { verifyCheckpoint } from "./statement";
import { seededTenant, tamper } from "./testing";
import { verifyTenantChain } from "./verify";

describe("signed checkpoints", () => {
  it("signs the head once, with a signature the published public key verifies", async () => {
    const { tenantId } = await seededTenant("cp");
    const signed = await checkpointNow(tenantId);
    expect(signed).toMatchObject({ tenantId, seq: "10" });
    const { rows } = await pool().query<{ chain_head: Buffer }>("SELECT chain_head FROM tenants WHERE id = $1", [
      tenantId,
    ]);
    expect(signed?.chainHead).toBe(rows[0]?.chain_head.toString("hex"));
    const key = (await publicKeys()).find((k) => k.keyId === signed?.keyId);
    expect(key).toBeDefined();
    expect(verifyCheckpoint(signed as NonNullable<typeof signed>, key?.publicKeyPem as string)).toBe(true);
    // A changed statement no longer verifies.
    expect(verifyCheckpoint({ ...(signed as NonNullable<typeof signed>), seq: "9" }, key?.publicKeyPem as string)).toBe(
      false,
    );
    // Nothing new: the same checkpoint comes back, nothing is signed twice.
    expect(await checkpointNow(tenantId)).toEqual(signed);
    expect(await prisma.integrityCheckpoint.count({ where: { tenantId } })).toBe(1);
  });

  it("returns null for a tenant without events", async () => {
    const empty = await prisma.tenant.create({ data: { slug: `cp-empty-${Date.now()}`, name: "empty" } });
    expect(await checkpointNow(empty.id)).toBeNull();
    expect(await latestCheckpoint(empty.id)).toBeNull();
  });

  it("lists the checkpoints covering a range, and the loop signs every tenant whose head moved", async () => {
    const { tenantId, key } = await seededTenant("cp");
    await checkpointNow(tenantId);
    await postEvents(key, [event(), event()]);
    // Only this test's tenant: other test files share the database.
    expect(await checkpointAllTenants({ onlyTenants: [tenantId] })).toBe(1);
    expect((await latestCheckpoint(tenantId))?.seq).toBe("12");
    expect((await checkpointsCovering(tenantId, 1n, 5n)).map((c) => c.seq)).toEqual(["10"]);
    expect((await checkpointsCovering(tenantId, 1n, 12n)).map((c) => c.seq)).toEqual(["10", "12"]);
    expect((await verifyTenantChain(tenantId, {})).checkpointsChecked).toBe(2);
  });

  it("finds a tampered checkpoint signature", async () => {
    const { tenantId } = await seededTenant("cp");
    await checkpointNow(tenantId);
    await tamper((db) =>
      db.query("UPDATE integrity_checkpoints SET signature = $2 WHERE tenant_id = $1", [tenantId, Buffer.alloc(64, 7)]),
    );
    const result = await verifyTenantChain(tenantId, {});
    expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([["bad_signature", "10"]]);
  });

  it("finds a checkpoint naming a key that was never registered", async () => {
    const { tenantId } = await seededTenant("cp");
    await checkpointNow(tenantId);
    await tamper((db) =>
      db.query("UPDATE integrity_checkpoints SET key_id = 'ffffffffffffffff' WHERE tenant_id = $1", [tenantId]),
    );
    const result = await verifyTenantChain(tenantId, {});
    expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([["unknown_key", "10"]]);
  });

  it("refuses to sign a broken segment and records a failed verification instead", async () => {
    const { tenantId, key, ids } = await seededTenant("cp");
    const first = await checkpointNow(tenantId);
    await postEvents(key, [event(), event()]);
    await tamper((db) =>
      db.query("UPDATE events SET outcome = 'failure' WHERE tenant_id = $1 AND seq = 11", [tenantId]),
    );
    expect(await checkpointNow(tenantId)).toEqual(first);
    expect(await checkpointNow(tenantId)).toEqual(first);
    const runs = await prisma.integrityVerification.findMany({ where: { tenantId } });
    // Recorded once, not once per attempt.
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "failed", requestedBy: "checkpoint", fromSeq: 11n, toSeq: 12n });
    expect(ids).toHaveLength(10);
  });
});
