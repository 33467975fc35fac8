import pg from "pg";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { chainHashOf, genesisHash, leafHashOf } from "./chain";

type StoredRow = {
  seq: string;
  event_id: string;
  received_at: Date;
  data: unknown;
  leaf_hash: Buffer | null;
  prev_hash: Buffer | null;
  chain_hash: Buffer | null;
};

async function storedRows(tenantId: string): Promise<StoredRow[]> {
  const { rows } = await pool().query<StoredRow>(
    "SELECT seq, event_id, received_at, data, leaf_hash, prev_hash, chain_hash FROM events WHERE tenant_id = $1 ORDER BY seq",
    [tenantId],
  );
  return rows;
}

/** Walks the chain from the genesis hash; returns the first seq that does not link, or null. */
function firstBrokenLink(tenantId: string, rows: StoredRow[]): string | null {
  let prev = genesisHash(tenantId);
  let expectedSeq = 1n;
  for (const row of rows) {
    const leaf = leafHashOf(tenantId, row.received_at.toISOString(), row.data);
    if (BigInt(row.seq) !== expectedSeq) return row.seq;
    if (!row.leaf_hash?.equals(leaf) || !row.prev_hash?.equals(prev)) return row.seq;
    if (!row.chain_hash?.equals(chainHashOf(prev, BigInt(row.seq), leaf))) return row.seq;
    prev = row.chain_hash;
    expectedSeq++;
  }
  return null;
}

describe("hash chain at ingest", () => {
  it("recomputes every leaf from the stored row (numbers, unicode, nesting survive jsonb)", async () => {
    const { tenant, key } = await tenantWithKey("chain");
    const tricky = event({
      actor: { type: "agent", id: "bót-✓", name: 'Ünïcødé 🤖 \u2028 "quoted" \\ back' },
      attributes: {
        ints: [0, -1, 42, 9007199254740991, -9007199254740991],
        floats: [0.1, 0.30000000000000004, 1e21, 1e-7, 123456.789, -2.5e-10, 1.7976931348623157e308],
        negativeZero: -0,
        nested: { z: { y: [{ b: 2, a: 1 }, [], {}] }, "": "empty key", é: "accented key", "\u00e9\u0301": "combining" },
        emoji: "👩‍👩‍👧‍👦",
        control: "tab\tnew\nline\u0001",
        bools: [true, false, null],
      },
    });
    const posted = await postEvents(key, [tricky, ...refundExample()]);
    expect(posted.status).toBe(200);

    const rows = await storedRows(tenant.id);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.leaf_hash?.toString("hex")).toBe(
        leafHashOf(tenant.id, row.received_at.toISOString(), row.data).toString("hex"),
      );
    }
    expect(firstBrokenLink(tenant.id, rows)).toBeNull();
    expect(rows[0]?.prev_hash?.equals(genesisHash(tenant.id))).toBe(true);

    const head = await pool().query<{ event_seq: string; chain_head: Buffer }>(
      "SELECT event_seq, chain_head FROM tenants WHERE id = $1",
      [tenant.id],
    );
    expect(head.rows[0]?.event_seq).toBe("6");
    expect(head.rows[0]?.chain_head.equals(rows[5]?.chain_hash as Buffer)).toBe(true);
  });

  it("links a later request to the head, and duplicates neither take a seq nor move the head", async () => {
    const { tenant, key } = await tenantWithKey("chain");
    const first = [event(), event()];
    expect((await postEvents(key, first)).body).toMatchObject({ accepted: 2 });
    const second = await postEvents(key, [first[1], event(), first[0], event()]);
    expect(second.body).toMatchObject({ accepted: 2, duplicates: 2 });
    const rows = await storedRows(tenant.id);
    expect(rows.map((row) => row.seq)).toEqual(["1", "2", "3", "4"]);
    expect(firstBrokenLink(tenant.id, rows)).toBeNull();
    expect(rows[2]?.prev_hash?.equals(rows[1]?.chain_hash as Buffer)).toBe(true);
  });

  it("keeps one unbroken chain when several requests ingest into one tenant at once", async () => {
    const { tenant, key } = await tenantWithKey("chain");
    const requests = Array.from({ length: 8 }, () => Array.from({ length: 25 }, () => event()));
    const results = await Promise.all(requests.map((batch) => postEvents(key, batch)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const rows = await storedRows(tenant.id);
    expect(rows).toHaveLength(200);
    expect(firstBrokenLink(tenant.id, rows)).toBeNull();
  });

  it("does not make one tenant wait for another tenant's lock", async () => {
    const a = await tenantWithKey("chain-a");
    const b = await tenantWithKey("chain-b");
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", [a.tenant.id]);
      // Tenant A's lock is held; tenant B's ingest must still complete (a wait would time out the test).
      const posted = await postEvents(b.key, [event(), event()]);
      expect(posted.body).toMatchObject({ accepted: 2 });
      expect(firstBrokenLink(b.tenant.id, await storedRows(b.tenant.id))).toBeNull();
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });
});
