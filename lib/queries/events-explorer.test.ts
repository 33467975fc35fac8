import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { type EventFilters, parseEventFilters } from "@/lib/filters/event-filters";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { eventById } from "./event-by-id";
import { decodeCursor, encodeCursor } from "./events-cursor";
import { eventsPage } from "./events-page";
import { eventsAfter } from "./events-tail";

// The explorer's reads against real Postgres: each filter narrows, keyset pages tile the
// result exactly, cursors are validated, and tenant scoping lives in the statements.

const now = new Date("2026-11-21T00:00:00Z");
const ALL = { selfAudit: true };
const filters = (query: string) => parseEventFilters(new URLSearchParams(`range=7d&${query}`), now);

let tenantId: string;
let otherTenantId: string;
let otherEventId: string;
let refundIds: string[];

// 30 events in 10 distinct times (3 per time), so the seq tie-breaker is exercised.
const bulk = Array.from({ length: 30 }, (_, i) =>
  event({
    time: new Date(Date.UTC(2026, 10, 19, 12, Math.floor(i / 3))).toISOString(),
    actor: { type: "agent", id: i % 2 ? "odd-bot" : "even-bot" },
    outcome: i % 5 === 0 ? "denied" : "success",
    ...(i % 5 === 0 ? { reason: "quota exceeded" } : {}),
  }),
);

beforeAll(async () => {
  const a = await tenantWithKey("explorer");
  const b = await tenantWithKey("explorer-rival");
  tenantId = a.tenant.id;
  otherTenantId = b.tenant.id;
  const refund = refundExample();
  refundIds = refund.map((e) => e.id);
  expect((await postEvents(a.key, [...refund, ...bulk])).status).toBe(200);
  // Outside the 7-day range.
  expect((await postEvents(a.key, [event({ time: "2026-10-01T00:00:00Z" })])).status).toBe(200);
  const suspended = event({
    type: "agent.suspended",
    actor: { type: "user", id: "admin" },
    time: "2026-11-19T00:00:00Z",
  });
  expect(
    (await postEvents(a.key, [{ ...suspended, target: { type: "agent", id: "odd-bot" }, reason: "compromised" }]))
      .status,
  ).toBe(200);
  const rivalEvent = event({ actor: { type: "agent", id: "even-bot" } });
  otherEventId = rivalEvent.id;
  expect((await postEvents(b.key, [rivalEvent])).status).toBe(200);
});

async function all(f: EventFilters) {
  return (await eventsPage(tenantId, f, { limit: 500, visibility: ALL })).events;
}

describe("explorer filters", () => {
  it("lists the range newest first and leaves out older events and other tenants", async () => {
    const events = await all(filters(""));
    expect(events).toHaveLength(36);
    expect(events[0]?.eventId).toBe(refundIds[4]);
  });

  it.each([
    ["agent=odd-bot", 15, (e: { agentId: string | null }) => e.agentId === "odd-bot"],
    ["outcome=denied", 6, (e: { outcome: string }) => e.outcome === "denied"],
    [
      "agent=even-bot&outcome=denied",
      3,
      (e: { outcome: string; agentId: string | null }) => e.agentId === "even-bot" && e.outcome === "denied",
    ],
    ["type=policy.evaluated", 1, (e: { type: string }) => e.type === "policy.evaluated"],
    [
      "type=policy.evaluated,approval.granted",
      2,
      (e: { type: string }) => e.type.startsWith("p") || e.type.startsWith("a"),
    ],
    ["actor=u-7", 1, (e: { actorId: string }) => e.actorId === "u-7"],
    ["onBehalfOf=u-42", 1, (e: { onBehalfOfId: string | null }) => e.onBehalfOfId === "u-42"],
    ["client=cl-7", 1, (e: { clientId: string | null }) => e.clientId === "cl-7"],
    ["target=stripe.refund", 31, (e: { targetId: string | null }) => e.targetId === "stripe.refund"],
    ["correlationId=req-123", 5, (e: { correlationId: string | null }) => e.correlationId === "req-123"],
    ["policy=refund-limits", 1, (e: { type: string }) => e.type === "policy.evaluated"],
    ["decision=require_approval", 1, (e: { type: string }) => e.type === "policy.evaluated"],
    ["policy=refund-limits&decision=deny", 0, () => false],
    ["policy=other-policy", 0, () => false],
    ["q=STRIPE.COM", 1, (e: { targetId: string | null }) => Boolean(e.targetId?.includes("stripe.com"))],
    ["q=quota", 6, (e: { outcome: string }) => e.outcome === "denied"],
    ["q=100%25", 0, () => false],
  ])("%s narrows to %i", async (query, count, matches) => {
    const events = await all(filters(query));
    expect(events).toHaveLength(count);
    for (const e of events) expect(matches(e as never)).toBe(true);
  });

  it("honours a custom range", async () => {
    const f = parseEventFilters(new URLSearchParams("range=custom&from=2026-11-19T12:00:00Z&to=2026-11-19T12:01:00Z"));
    expect(await all(f)).toHaveLength(6);
  });

  it("marks actors whose agent is suspended", async () => {
    const events = await all(filters("agent=odd-bot"));
    expect(events.every((e) => e.actorSuspended)).toBe(true);
    expect((await all(filters("agent=even-bot"))).some((e) => e.actorSuspended)).toBe(false);
  });
});

describe("keyset pagination", () => {
  it("pages are disjoint, complete and ordered by (time desc, seq desc)", async () => {
    const f = filters("");
    const seen: { time: string; seq: bigint; id: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await eventsPage(tenantId, f, {
        limit: 7,
        visibility: ALL,
        ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
      });
      expect(page.events.length).toBeLessThanOrEqual(7);
      seen.push(...page.events.map((e) => ({ time: e.time, seq: BigInt(e.seq), id: e.eventId })));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(new Set(seen.map((e) => e.id)).size).toBe(36);
    expect(seen.map((e) => e.id)).toEqual((await all(f)).map((e) => e.eventId));
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]] as [(typeof seen)[0], (typeof seen)[0]];
      expect(a.time > b.time || (a.time === b.time && a.seq > b.seq)).toBe(true);
    }
  });

  it("refuses malformed cursors with a 400", () => {
    const bad = [
      "not a cursor!",
      Buffer.from("{nope").toString("base64url"),
      encodeCursor({ time: "yesterday", seq: "1" }),
      Buffer.from(JSON.stringify({ t: "2026-11-20T10:00:00.000Z", s: "-1" })).toString("base64url"),
    ];
    for (const value of bad) {
      expect(() => decodeCursor(value)).toThrow(ApiError);
      try {
        decodeCursor(value);
      } catch (error) {
        expect((error as ApiError).status).toBe(400);
        expect((error as ApiError).code).toBe("invalid_cursor");
      }
    }
  });
});

describe("live tail and single events", () => {
  it("returns only matching events stored after a sequence number", async () => {
    const newest = BigInt(Math.max(...(await all(filters(""))).map((e) => Number(e.seq))));
    expect(await eventsAfter(tenantId, filters(""), newest, ALL)).toEqual([]);
    const after = await eventsAfter(tenantId, filters("agent=odd-bot"), 0n, ALL);
    expect(after).toHaveLength(15);
    expect(after.every((e) => e.agentId === "odd-bot")).toBe(true);
  });

  it("finds an event of the tenant with its delegation chain, and not another tenant's", async () => {
    const detail = await eventById(tenantId, refundIds[0] as string, ALL);
    expect(detail).toMatchObject({ actorId: "billing-bot", onBehalfOfId: "u-42", delegationDepth: 3 });
    expect(detail?.data.delegation?.map((hop) => hop.id)).toEqual(["u-42", "planner", "billing-bot"]);
    expect(await eventById(tenantId, otherEventId, ALL)).toBeNull();
    expect(await eventById(otherTenantId, otherEventId, ALL)).not.toBeNull();
  });
});
