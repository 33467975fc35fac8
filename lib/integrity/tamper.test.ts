import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents } from "@/lib/testing/fixtures";
import { checkpointNow } from "./checkpoints";
import { CONTENT_COLUMNS, chainAt, forgedRow, insertRow, seededTenant, tamper } from "./testing";
import { verifyTenantChain } from "./verify";

// Each attack on a stored tenant, done with SQL past the append-only triggers, in its own
// tenant; the verifier must name the event (or the missing seq) and the kind of change.

const problems = async (tenantId: string) => {
  const result = await verifyTenantChain(tenantId, {});
  return { result, findings: result.findings.map(({ kind, seq, eventId }) => ({ kind, seq, eventId })) };
};

describe("verifyTenantChain on tampered tenants", () => {
  it("finds nothing in an untouched tenant", async () => {
    const { tenantId } = await seededTenant();
    const { result } = await problems(tenantId);
    expect(result).toMatchObject({ status: "ok", eventsChecked: 10, unchained: 0, findings: [], truncated: false });
    expect(result.head?.seq).toBe("10");
  });

  it("finds nothing when events arrive while it runs (they are past the head it read, not forged)", async () => {
    const { tenantId, key } = await seededTenant();
    let posted = false;
    const result = await verifyTenantChain(
      tenantId,
      {},
      {
        onProgress: async () => {
          if (posted) return;
          posted = true;
          expect((await postEvents(key, [event(), event(), event()])).status).toBe(200);
        },
      },
    );
    expect(posted).toBe(true);
    expect(result).toMatchObject({ status: "ok", eventsChecked: 10, findings: [] });
    expect((await verifyTenantChain(tenantId, {})).eventsChecked).toBe(13);
  });

  it("names an event whose data jsonb was changed", async () => {
    const { tenantId, ids } = await seededTenant();
    await tamper((db) =>
      db.query(
        "UPDATE events SET data = jsonb_set(data, '{attributes,amount}', '1') WHERE tenant_id = $1 AND seq = 1",
        [tenantId],
      ),
    );
    const { result, findings } = await problems(tenantId);
    expect(result.status).toBe("failed");
    expect(findings).toEqual([{ kind: "modified", seq: "1", eventId: ids[0] }]);
  });

  it("names an event whose typed column alone was changed", async () => {
    const { tenantId, ids } = await seededTenant();
    await tamper((db) =>
      db.query("UPDATE events SET outcome = 'failure' WHERE tenant_id = $1 AND seq = 5", [tenantId]),
    );
    const { result, findings } = await problems(tenantId);
    expect(findings).toEqual([{ kind: "modified", seq: "5", eventId: ids[4] }]);
    expect(result.findings[0]?.detail).toContain("outcome");
  });

  it("names the seq of a deleted event and its neighbours", async () => {
    const { tenantId, ids } = await seededTenant();
    await tamper((db) => db.query("DELETE FROM events WHERE tenant_id = $1 AND seq = 4", [tenantId]));
    const { result, findings } = await problems(tenantId);
    expect(findings).toEqual([{ kind: "deleted", seq: "4", eventId: undefined }]);
    expect(result.findings[0]?.detail).toContain(ids[2]);
    expect(result.findings[0]?.detail).toContain(ids[4]);
  });

  it("finds deleted events at the head", async () => {
    const { tenantId } = await seededTenant();
    await tamper((db) => db.query("DELETE FROM events WHERE tenant_id = $1 AND seq >= 9", [tenantId]));
    const { findings } = await problems(tenantId);
    expect(findings.map((f) => [f.kind, f.seq])).toEqual([
      ["deleted", "9"],
      ["deleted", "10"],
    ]);
  });

  it("names naive forged events: no hashes, or garbage hashes", async () => {
    const { tenantId } = await seededTenant();
    const received = new Date().toISOString();
    const bare = forgedRow(tenantId, 11, received);
    const garbage = forgedRow(tenantId, 12, received);
    await tamper(async (db) => {
      await insertRow(db, bare.row, { leaf: null, prev: null, chain: null });
      await insertRow(db, garbage.row, {
        leaf: Buffer.alloc(32, 1),
        prev: Buffer.alloc(32, 2),
        chain: Buffer.alloc(32, 3),
      });
      // Even with the tenant's counter moved, neither fits the chain.
      await db.query("UPDATE tenants SET event_seq = 12 WHERE id = $1", [tenantId]);
    });
    const { findings } = await problems(tenantId);
    expect(findings).toEqual([
      { kind: "inserted", seq: "11", eventId: bare.row.event_id },
      { kind: "inserted", seq: "12", eventId: garbage.row.event_id },
    ]);
  });

  it("smart forgery at the head: caught beyond the tenant's counter, not caught once the counter and head are moved too", async () => {
    const { tenantId } = await seededTenant();
    const signed = await checkpointNow(tenantId);
    expect(signed?.seq).toBe("10");
    const forged = forgedRow(tenantId, 11, new Date().toISOString());
    const hashes = forged.withChain(await chainAt(tenantId, 10));
    await tamper((db) => insertRow(db, forged.row, hashes));
    expect((await problems(tenantId)).findings).toEqual([
      { kind: "inserted", seq: "11", eventId: forged.row.event_id },
    ]);

    // Documented limit: an attacker who also advances tenants.event_seq and chain_head extends
    // the chain exactly as the collector would. Nothing signed covers seq 11, so nothing
    // disagrees; only an external copy of the last checkpoint (seq 10) bounds what is proven.
    await tamper((db) =>
      db.query("UPDATE tenants SET event_seq = 11, chain_head = $2 WHERE id = $1", [tenantId, hashes.chain]),
    );
    const { result } = await problems(tenantId);
    expect(result.status).toBe("ok");
    expect(result.eventsChecked).toBe(11);
  });

  it("names both events when two swap seq values", async () => {
    const { tenantId, ids } = await seededTenant();
    await tamper(async (db) => {
      await db.query("UPDATE events SET seq = -3 WHERE tenant_id = $1 AND seq = 3", [tenantId]);
      await db.query("UPDATE events SET seq = 3 WHERE tenant_id = $1 AND seq = 7", [tenantId]);
      await db.query("UPDATE events SET seq = 7 WHERE tenant_id = $1 AND seq = -3", [tenantId]);
    });
    const { result, findings } = await problems(tenantId);
    expect(findings).toEqual([
      { kind: "reordered", seq: "3", eventId: ids[6] },
      { kind: "reordered", seq: "7", eventId: ids[2] },
    ]);
    expect(result.findings[0]?.detail).toContain("received at seq 7");
  });

  it("names both events when two swap contents", async () => {
    const { tenantId, ids } = await seededTenant();
    const columns = CONTENT_COLUMNS.filter((c) => c !== "received_at");
    await tamper(async (db) => {
      await db.query("CREATE TEMP TABLE original AS SELECT * FROM events WHERE tenant_id = $1 AND seq IN (2, 3)", [
        tenantId,
      ]);
      await db.query("UPDATE events SET event_id = event_id || '-moving' WHERE tenant_id = $1 AND seq IN (2, 3)", [
        tenantId,
      ]);
      await db.query(
        `UPDATE events e SET (${columns.join(", ")}) = (SELECT ${columns.map((c) => `o.${c}`).join(", ")}
           FROM original o WHERE o.seq = 5 - e.seq) WHERE e.tenant_id = $1 AND e.seq IN (2, 3)`,
        [tenantId],
      );
    });
    const { findings } = await problems(tenantId);
    expect(findings).toEqual([
      { kind: "reordered", seq: "2", eventId: ids[2] },
      { kind: "reordered", seq: "3", eventId: ids[1] },
    ]);
  });

  it("a rewrite that recomputed every hash after it still disagrees with the signed checkpoint", async () => {
    const { tenantId } = await seededTenant();
    await checkpointNow(tenantId);
    await tamper(async (db) => {
      await db.query(
        "UPDATE events SET data = jsonb_set(data, '{attributes,amount}', '1') WHERE tenant_id = $1 AND seq = 1",
        [tenantId],
      );
      const { rows } = await db.query<{ seq: string; received_at: Date; data: unknown; prev_hash: Buffer }>(
        "SELECT seq, received_at, data, prev_hash FROM events WHERE tenant_id = $1 ORDER BY seq",
        [tenantId],
      );
      const { chainHashOf, leafHashOf } = await import("./chain");
      let prev = rows[0]?.prev_hash as Buffer;
      for (const row of rows) {
        const leaf = leafHashOf(tenantId, row.received_at.toISOString(), row.data);
        const chain = chainHashOf(prev, BigInt(row.seq), leaf);
        await db.query(
          "UPDATE events SET leaf_hash = $3, prev_hash = $4, chain_hash = $5 WHERE tenant_id = $1 AND seq = $2",
          [tenantId, row.seq, leaf, prev, chain],
        );
        prev = chain;
      }
      await db.query("UPDATE tenants SET chain_head = $2 WHERE id = $1", [tenantId, prev]);
    });
    const { result, findings } = await problems(tenantId);
    expect(result.status).toBe("failed");
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.kind === "checkpoint_mismatch" && f.seq === "10")).toBe(true);
  });

  it("verifies part of the range, and finds a change only where it is", async () => {
    const { tenantId, ids } = await seededTenant();
    await checkpointNow(tenantId);
    await tamper((db) =>
      db.query("UPDATE events SET outcome = 'failure' WHERE tenant_id = $1 AND seq = 8", [tenantId]),
    );
    const early = await verifyTenantChain(tenantId, { fromSeq: 2n, toSeq: 4n });
    // Seq 2–4 are clean, but the scan runs on to the checkpoint at 10, which covers seq 8.
    expect(early.findings.map((f) => [f.kind, f.seq, f.eventId])).toEqual([["modified", "8", ids[7]]]);
    const late = await verifyTenantChain(tenantId, { fromSeq: 6n, toSeq: 9n });
    expect(late.findings.map((f) => f.kind)).toEqual(["modified"]);
    expect(late.fromSeq).toBe("6");
  });

  it("records a run when asked, with its findings", async () => {
    const { tenantId } = await seededTenant();
    await tamper((db) => db.query("DELETE FROM events WHERE tenant_id = $1 AND seq = 2", [tenantId]));
    const result = await verifyTenantChain(tenantId, {}, { requestedBy: "test" });
    const { rows } = await pool().query("SELECT status, findings, summary FROM integrity_verifications WHERE id = $1", [
      result.id,
    ]);
    expect(rows[0]).toMatchObject({ status: "failed", findings: [{ kind: "deleted", seq: "2" }] });
    expect(rows[0].summary).toContain("1 problem");
  });
});
