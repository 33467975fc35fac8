import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";

// Hostile and broken input: every case gets its documented 4xx, never a 5xx, and a rejected
// event never leaves a trace in the events table or the registries.

async function expectNothingStored(tenantId: string) {
  expect(await prisma.event.count({ where: { tenantId } })).toBe(0);
  expect(await prisma.agent.count({ where: { tenantId } })).toBe(0);
  expect(await prisma.humanPrincipal.count({ where: { tenantId } })).toBe(0);
}

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
}

describe("bad input", () => {
  it.each([
    ["truncated JSON", '[{"type": "auth.login"'],
    ["trailing garbage", "[] []"],
    ["a bare string", '"events"'],
    ["a number", "42"],
    ["an object without events", '{"event": []}'],
    ["events that is not an array", '{"events": {}}'],
    ["an empty array", "[]"],
    ["an empty body", ""],
    ["invalid UTF-8", new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])],
  ])("answers 400 with the error shape for %s", async (_label, body) => {
    const { tenant, key } = await tenantWithKey();
    const res = await postEvents(key, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    await expectNothingStored(tenant.id);
  });

  it.each([
    ["wrong types", { ...event(), actor: "billing-bot", time: 1700000000 }, ["time", "actor"]],
    ["a null event", null, [""]],
    ["an array as event", [1, 2], [""]],
    ["a NUL byte in a field", event({ actor: { type: "agent", id: "bad\u0000id" } }), ["actor.id"]],
    ["a NUL byte in an attribute key", event({ attributes: { "k\u0000": 1 } }), ["attributes.k\u0000"]],
    ["a lone surrogate", event({ reason: "x\ud800y" }), ["reason"]],
    [
      "deep nesting in attributes",
      event({ attributes: nested(60) }),
      [expect.stringMatching(/^attributes(\.deeper)+$/)],
    ],
    ["deep act nesting", event({ act: nested(200) }), [expect.stringMatching(/^act/)]],
    ["a huge string", event({ reason: "r".repeat(200_000) }), [""]],
    [
      "an oversized event",
      event({ attributes: { a: "a".repeat(15_000), b: "b".repeat(15_000), c: "c".repeat(15_000) } }),
      [""],
    ],
    ["unknown top-level field", { ...event(), tenant_id: "someone-else" }, ["tenant_id"]],
    [
      "unknown field in a principal",
      event({ onBehalfOf: { type: "user", id: "u", admin: true } }),
      ["onBehalfOf.admin"],
    ],
    [
      "unknown field in a hop",
      event({ delegation: [{ type: "agent", id: "billing-bot", extra: 1 }] }),
      ["delegation[0].extra"],
    ],
    [
      "unknown field in policy",
      event({ type: "policy.evaluated", policy: { id: "p", decision: "allow", score: 1 } }),
      ["policy.score"],
    ],
  ])("rejects %s on its own, naming the path", async (_label, bad, expectedPaths) => {
    const { tenant, key } = await tenantWithKey();
    const res = await postEvents(key, [bad]);
    expect(res.status).toBe(400);
    expect(res.body.accepted).toBe(0);
    expect(res.body.rejected[0].errors.map((e: { path: string }) => e.path)).toEqual(expectedPaths);
    await expectNothingStored(tenant.id);
  });

  it("refuses a 10,000-event batch with 413 and stores none of it", async () => {
    const { tenant, key } = await tenantWithKey();
    const batch = Array.from({ length: 10_000 }, (_, i) => ({
      type: "auth.login",
      time: "2026-11-20T10:00:00Z",
      actor: { type: "user", id: `u${i}` },
    }));
    const res = await postEvents(key, batch);
    expect(res.status).toBe(413);
    const ndjson = batch.map((e) => JSON.stringify(e)).join("\n");
    expect((await postEvents(key, ndjson, { contentType: "application/x-ndjson" })).status).toBe(413);
    await expectNothingStored(tenant.id);
  });

  it("refuses a 6 MB body with 413, whether or not Content-Length announces it", async () => {
    const { tenant, key } = await tenantWithKey();
    const big = JSON.stringify([event({ attributes: { pad: "p".repeat(6 * 1024 * 1024) } })]);
    expect((await postEvents(key, big)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const { POST } = await import("@/app/api/v1/events/route");
    const response = await POST(
      new Request("http://attest.test/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    await expectNothingStored(tenant.id);
  });

  it("keeps the good events of a mixed batch and drops only the bad ones", async () => {
    const { tenant, key } = await tenantWithKey();
    const good = event();
    const res = await postEvents(key, [
      event({ actor: { type: "agent", id: "x\u0000" } }),
      good,
      event({ type: "nope" }),
    ]);
    expect(res.status).toBe(207);
    expect(res.body.ids).toEqual([good.id]);
    const stored = await prisma.event.findMany({ where: { tenantId: tenant.id } });
    expect(stored.map((e) => e.eventId)).toEqual([good.id]);
  });
});
