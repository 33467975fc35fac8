import { afterAll, describe, expect, it } from "vitest";
import { recordSelfAudit } from "../audit/record";
import { disconnectDb, pool } from "../db";
import { event, postEvents, tenantWithKey } from "../testing/fixtures";

// x-attest.* is the dashboard's own audit trail: no sender may write it through the collector,
// in any letter case, while recordSelfAudit (the only way in) stores it like any other event.

afterAll(() => disconnectDb());

const storedTypes = async (tenantId: string) =>
  (
    await pool().query<{ type: string }>("SELECT type FROM events WHERE tenant_id = $1 ORDER BY seq", [tenantId])
  ).rows.map((r) => r.type);

describe("reserved x-attest.* types", () => {
  it("the collector rejects them per event (207 beside a good one), naming the field", async () => {
    const { tenant, key } = await tenantWithKey("reserved");
    const forged = event({ type: "x-attest.auth.signed_in", actor: { type: "user", id: "ceo@example.com" } });
    const good = event();
    const response = await postEvents(key, [forged, good]);
    expect(response.status).toBe(207);
    expect(response.body).toMatchObject({ accepted: 1, ids: [good.id] });
    expect(response.body.rejected).toEqual([
      {
        index: 0,
        id: forged.id,
        errors: [{ path: "type", message: expect.stringContaining("reserved") }],
      },
    ]);
    expect(await storedTypes(tenant.id)).toEqual(["mcp.tool.called"]);
  });

  it("in any letter case, and a request of only those is a 400", async () => {
    const { tenant, key } = await tenantWithKey("reserved-case");
    const response = await postEvents(key, [
      event({ type: "X-Attest.export.completed" }),
      event({ type: "x-ATTEST.rules.changed" }),
    ]);
    expect(response.status).toBe(400);
    expect(response.body.rejected).toHaveLength(2);
    expect(await storedTypes(tenant.id)).toEqual([]);
  });

  it("other x-<vendor> types stay open to senders", async () => {
    const { key } = await tenantWithKey("reserved-other");
    expect((await postEvents(key, [event({ type: "x-attestor.thing" }), event({ type: "x-acme.audit" })])).status).toBe(
      200,
    );
  });

  it("recordSelfAudit stores them, sequenced and chained like any event", async () => {
    const { tenant } = await tenantWithKey("reserved-internal");
    const id = await recordSelfAudit(tenant.id, {
      type: "x-attest.settings.changed",
      actor: { type: "user", id: "admin@example.com", name: "Admin" },
      target: { type: "x-setting", id: "phi_patterns" },
    });
    const { rows } = await pool().query<{ seq: string; chain_hash: Buffer | null; event_id: string }>(
      "SELECT seq, chain_hash, event_id FROM events WHERE tenant_id = $1",
      [tenant.id],
    );
    expect(rows).toEqual([{ seq: "1", chain_hash: expect.any(Buffer), event_id: id }]);
  });
});
