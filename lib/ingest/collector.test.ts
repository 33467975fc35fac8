import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { revokeIngestKey } from "@/lib/keys/ingest-keys";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";

const countEvents = (tenantId: string) => prisma.event.count({ where: { tenantId } });

describe("collector: status codes and body shapes", () => {
  it("200: stores the contract's refund example and answers with ids in request order", async () => {
    const { tenant, key } = await tenantWithKey();
    const events = refundExample();
    const res = await postEvents(key, events);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 5, duplicates: 0, rejected: [], ids: events.map((e) => e.id) });
    const stored = await prisma.event.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: "asc" } });
    expect(stored.map((e) => [Number(e.seq), e.eventId])).toEqual(events.map((e, i) => [i + 1, e.id]));
    expect(stored[0]).toMatchObject({
      type: "mcp.tool.called",
      actorId: "billing-bot",
      agentId: "billing-bot",
      onBehalfOfId: "u-42",
      sessionKey: "u-42:s-9",
      clientId: "cl-7",
      correlationId: "req-123",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      targetId: "stripe.refund",
      delegationDepth: 3,
    });
    expect(stored[1]).toMatchObject({
      policyDecision: "require_approval",
      parentSpanId: "00f067aa0ba902b7",
      agentId: "policy-engine",
    });
    expect((stored[0]?.data as { attributes?: unknown } | undefined)?.attributes).toEqual({
      amount: 12000,
      currency: "USD",
    });
    expect(stored[0]?.receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("accepts { events: [...] } as well as a bare array", async () => {
    const { key } = await tenantWithKey();
    const res = await postEvents(key, { events: [event(), event()] });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
  });

  it("207: stores the valid events and names each rejected one with its field path", async () => {
    const { tenant, key } = await tenantWithKey();
    const bad = event({ trace: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "XYZ" } });
    const res = await postEvents(key, [event(), bad, event()]);
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([
      { index: 1, id: bad.id, errors: [{ path: "trace.spanId", message: "must be 16 lowercase hex characters" }] },
    ]);
    expect(res.body.ids).toHaveLength(2);
    expect(await countEvents(tenant.id)).toBe(2);
  });

  it("400 with the result shape when every event is rejected; nothing is stored", async () => {
    const { tenant, key } = await tenantWithKey();
    const res = await postEvents(key, [{ type: "mcp.tool.called" }, event({ outcome: "denied" })]);
    expect(res.status).toBe(400);
    expect(res.body.accepted).toBe(0);
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    expect(res.body.rejected[1].errors).toEqual([{ path: "reason", message: "is required when outcome is denied" }]);
    expect(await countEvents(tenant.id)).toBe(0);
  });

  it("400 with the error shape for an unparseable body", async () => {
    const { key } = await tenantWithKey();
    const res = await postEvents(key, "[{");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("401 for a missing, unknown, malformed or revoked key", async () => {
    const { tenant, key, prefix } = await tenantWithKey();
    for (const presented of [null, "attest_nope_nope", "not-a-key", `${key}x`]) {
      const res = await postEvents(presented, [event()]);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect((await postEvents(key, [event()])).status).toBe(200);
    expect(await revokeIngestKey(prefix)).toBe(true);
    const res = await postEvents(key, [event()]);
    expect(res.status).toBe(401);
    expect(await countEvents(tenant.id)).toBe(1);
  });

  it("413 for more than 1,000 events or more than 5 MB; nothing is stored", async () => {
    const { tenant, key } = await tenantWithKey();
    const many = Array.from({ length: 1001 }, () => event());
    const res = await postEvents(key, many);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    const declared = await postEvents(key, "[]", { headers: { "content-length": String(6 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    expect(await countEvents(tenant.id)).toBe(0);
  });

  it("415 for other content types", async () => {
    const { key } = await tenantWithKey();
    for (const type of ["text/plain", "application/xml", null]) {
      const res = await postEvents(key, [event()], { contentType: type });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
    }
  });

  it("accepts NDJSON, one event per line, and rejects a broken line on its own", async () => {
    const { tenant, key } = await tenantWithKey();
    const a = event();
    const b = event();
    const body = `${JSON.stringify(a)}\r\n\n{not json\n${JSON.stringify(b)}\n`;
    const res = await postEvents(key, body, { contentType: "application/x-ndjson" });
    expect(res.status).toBe(207);
    expect(res.body.ids).toEqual([a.id, b.id]);
    expect(res.body.rejected[0]).toMatchObject({
      index: 1,
      errors: [{ path: "", message: expect.stringContaining("not valid JSON") }],
    });
    expect(await countEvents(tenant.id)).toBe(2);
  });
});

describe("collector: idempotency", () => {
  it("counts a repeated id within one request as a duplicate", async () => {
    const { tenant, key } = await tenantWithKey();
    const a = event();
    const res = await postEvents(key, [a, event(), { ...a, type: "auth.login" }]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(res.body.ids[2]).toBe(a.id);
    expect(await countEvents(tenant.id)).toBe(2);
  });

  it("counts an id stored by an earlier request as a duplicate", async () => {
    const { tenant, key } = await tenantWithKey();
    const events = [event(), event()];
    await postEvents(key, events);
    const res = await postEvents(key, [...events, event()]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await countEvents(tenant.id)).toBe(3);
  });

  it("stores exactly one copy when concurrent requests carry the same ids", async () => {
    const { tenant, key } = await tenantWithKey();
    const events = Array.from({ length: 200 }, () => event());
    const results = await Promise.all(Array.from({ length: 6 }, () => postEvents(key, events)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(results.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(200);
    expect(results.reduce((sum, r) => sum + r.body.duplicates, 0)).toBe(1000);
    expect(await countEvents(tenant.id)).toBe(200);
    const seqs = await prisma.event.findMany({
      where: { tenantId: tenant.id },
      select: { seq: true },
      orderBy: { seq: "asc" },
    });
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it("keeps ids per tenant: the same id in two tenants is two events", async () => {
    const a = await tenantWithKey();
    const b = await tenantWithKey();
    const shared = event();
    expect((await postEvents(a.key, [shared])).body.accepted).toBe(1);
    expect((await postEvents(b.key, [shared])).body.accepted).toBe(1);
  });

  it("gives events without an id a server id, and never deduplicates them", async () => {
    const { tenant, key } = await tenantWithKey();
    const { id: _id, ...anonymous } = event();
    const res = await postEvents(key, [anonymous, anonymous]);
    expect(res.body.accepted).toBe(2);
    expect(res.body.ids[0]).toMatch(/^srv-[0-9a-f-]{36}$/);
    expect(res.body.ids[0]).not.toBe(res.body.ids[1]);
    expect(await countEvents(tenant.id)).toBe(2);
  });
});

describe("collector: tenant isolation", () => {
  it("writes only into the key's tenant, whatever the body says", async () => {
    const a = await tenantWithKey();
    const b = await tenantWithKey();
    const res = await postEvents(a.key, [event({ attributes: { tenant: b.tenant.id, tenantId: b.tenant.id } })]);
    expect(res.status).toBe(200);
    expect(await countEvents(a.tenant.id)).toBe(1);
    expect(await countEvents(b.tenant.id)).toBe(0);
    const smuggled = await postEvents(a.key, [{ ...event(), tenantId: b.tenant.id }]);
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.rejected[0].errors[0].path).toBe("tenantId");
    expect(await countEvents(b.tenant.id)).toBe(0);
    expect(await prisma.agent.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });
});
