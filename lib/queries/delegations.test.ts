import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { delegationOverview, pathKey } from "./delegations";

const range = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };

const alice = { type: "user", id: "alice", name: "Alice" } as const;
const bob = { type: "user", id: "bob", name: "Bob" } as const;
const carol = { type: "user", id: "carol", name: "Carol" } as const;
const planner = { type: "agent", id: "planner", name: "Planner" } as const;
const researcher = { type: "agent", id: "researcher" } as const;
const writer = { type: "agent", id: "writer" } as const;
const bot = { type: "agent", id: "bot" } as const;

const at = (hhmm: string) => `2026-11-20T${hhmm}:00.000Z`;
const hops = (...chain: { type: string; id: string; name?: string; scopes?: string[] }[]) => chain;

// The chains one tenant sends: 2-hop (twice, in two scope variants), 3-hop, an RFC 8693 `act`
// claim, one whose last hop holds a scope its delegator did not, and events that must not count.
function tenantEvents() {
  const twoHop = hops(
    { ...alice, scopes: ["crm:read", "crm:write", "docs:read"] },
    { ...planner, scopes: ["crm:read", "crm:write"] },
    { ...bot, scopes: ["crm:read"] },
  );
  return [
    event({ actor: bot, delegation: twoHop, correlationId: "c-two-1", time: at("09:00") }),
    event({ actor: bot, delegation: twoHop, correlationId: "c-two-1", time: at("09:01"), type: "downstream.called" }),
    // Same hops, narrower scopes: one more variant of the same path.
    event({
      actor: bot,
      delegation: hops({ ...alice, scopes: ["crm:read"] }, { ...planner, scopes: ["crm:read"] }, bot),
      correlationId: "c-two-2",
      time: at("11:00"),
    }),
    event({
      actor: writer,
      delegation: hops(
        { ...alice, scopes: ["docs:read", "docs:write", "crm:read"] },
        { ...planner, scopes: ["docs:read", "docs:write"] },
        { ...researcher, scopes: ["docs:read", "docs:write"] },
        { ...writer, scopes: ["docs:write"] },
      ),
      correlationId: "c-three",
      time: at("10:00"),
    }),
    // act: writer is the current actor, planner the prior one, bob the subject.
    event({
      actor: writer,
      onBehalfOf: bob,
      act: { sub: "writer", scope: "docs:read", act: { sub: "planner", scope: "docs:read docs:write" } },
      correlationId: "c-act",
      time: at("12:00"),
    }),
    event({
      actor: bot,
      delegation: hops(
        { ...carol, scopes: ["payments:read"] },
        { ...planner, scopes: ["payments:read"] },
        { ...bot, scopes: ["payments:read", "payments:admin"] },
      ),
      correlationId: "c-escalate",
      time: at("13:00"),
      id: "escalating-event",
    }),
    // Not delegated: a lone human hop, no chain at all, and a chain outside the range.
    event({ actor: alice, delegation: hops(alice), time: at("14:00") }),
    event({ actor: bot, time: at("14:00") }),
    event({ actor: bot, delegation: hops(alice, planner, bot), time: "2026-11-22T10:00:00.000Z" }),
  ];
}

describe("delegation overview", () => {
  it("groups chains by path with counts, depth, last seen, examples and escalations", async () => {
    const { tenant, key } = await tenantWithKey("deleg");
    const rival = await tenantWithKey("deleg-rival");
    const posted = await postEvents(key, tenantEvents());
    expect(posted.body).toMatchObject({ rejected: [] });
    expect(posted.status).toBe(200);
    await postEvents(rival.key, [
      event({
        actor: bot,
        delegation: hops({ ...alice, scopes: [] }, { ...bot, scopes: ["root"] }),
        time: at("10:00"),
      }),
      event({ actor: bot, delegation: hops({ type: "user", id: "mallory" }, planner, bot), time: at("10:00") }),
      event({
        actor: bot,
        delegation: hops({ ...alice, scopes: ["a"] }, { ...bot, scopes: ["a", "b"] }),
        time: at("11:00"),
      }),
    ]);

    const overview = await delegationOverview(tenant.id, range);
    expect(overview.events).toBe(6);
    expect(overview.escalatedEvents).toBe(1);
    expect(overview.truncated).toBe(false);

    const byKey = new Map(overview.paths.map((p) => [p.key, p]));
    expect([...byKey.keys()]).toEqual([
      pathKey([alice, planner, bot]),
      pathKey([carol, planner, bot]),
      pathKey([bob, planner, writer]),
      pathKey([alice, planner, researcher, writer]),
    ]);
    expect(byKey.get(pathKey([alice, planner, bot]))).toMatchObject({
      depth: 2,
      events: 3,
      variants: 2,
      lastSeen: new Date(at("11:00")),
      escalatedEvents: 0,
      escalations: [],
      exampleCorrelationIds: ["c-two-2", "c-two-1"],
    });
    expect(byKey.get(pathKey([alice, planner, researcher, writer]))).toMatchObject({
      depth: 3,
      events: 1,
      escalatedEvents: 0,
      exampleCorrelationIds: ["c-three"],
    });
    expect(byKey.get(pathKey([alice, planner, researcher, writer]))?.hops.map((h) => h.scopes)).toEqual([
      ["docs:read", "docs:write", "crm:read"],
      ["docs:read", "docs:write"],
      ["docs:read", "docs:write"],
      ["docs:write"],
    ]);
    // The act claim is read as bob → planner → writer, with the scopes of each act.
    expect(byKey.get(pathKey([bob, planner, writer]))).toMatchObject({
      depth: 2,
      events: 1,
      escalatedEvents: 0,
      hops: [
        { type: "user", id: "bob" },
        { type: "agent", id: "planner", scopes: ["docs:read", "docs:write"] },
        { type: "agent", id: "writer", scopes: ["docs:read"] },
      ],
    });
    expect(byKey.get(pathKey([carol, planner, bot]))).toMatchObject({
      events: 1,
      escalatedEvents: 1,
      escalations: [{ hopIndex: 2, delegatorIndex: 1, scopes: ["payments:admin"] }],
      exampleEventId: "escalating-event",
      exampleCorrelationIds: ["c-escalate"],
    });

    expect(overview.escalations).toEqual([
      {
        eventId: "escalating-event",
        time: new Date(at("13:00")),
        type: "mcp.tool.called",
        correlationId: "c-escalate",
        hops: expect.any(Array),
        escalations: [{ hopIndex: 2, delegatorIndex: 1, scopes: ["payments:admin"] }],
      },
    ]);

    // Per human: the paths rooted at them, busiest first.
    expect(overview.humans.map((h) => [h.root.id, h.root.name, h.events, h.paths.length, h.escalatedEvents])).toEqual([
      ["alice", "Alice", 4, 2, 0],
      ["bob", "Bob", 1, 1, 0],
      ["carol", "Carol", 1, 1, 1],
    ]);
    expect(overview.humans[0]?.lastSeen).toEqual(new Date(at("11:00")));

    // Per agent: for whom, and through which delegators.
    const agents = new Map(overview.agents.map((a) => [a.agent.id, a]));
    expect(agents.get("planner")?.events).toBe(6);
    expect(agents.get("planner")?.principals.map((p) => [p.root.id, p.via.map((v) => v.id), p.events])).toEqual([
      ["alice", [], 4],
      ["bob", [], 1],
      ["carol", [], 1],
    ]);
    expect(agents.get("writer")?.principals.map((p) => [p.root.id, p.via.map((v) => v.id), p.events])).toEqual([
      ["alice", ["planner", "researcher"], 1],
      ["bob", ["planner"], 1],
    ]);
    expect(agents.get("bot")?.principals.map((p) => [p.root.id, p.via.map((v) => v.id), p.events])).toEqual([
      ["alice", ["planner"], 3],
      ["carol", ["planner"], 1],
    ]);
    expect(agents.get("bot")?.lastSeen).toEqual(new Date(at("13:00")));

    expect(overview.delegators.map((d) => [d.agent.id, d.events])).toEqual([
      ["planner", 6],
      ["researcher", 1],
    ]);
    expect(overview.byDepth).toEqual([
      { depth: 2, paths: 3, events: 5 },
      { depth: 3, paths: 1, events: 1 },
    ]);

    // Tenant isolation: the rival sees only its own chains, and its escalation only.
    const rivalView = await delegationOverview(rival.tenant.id, range);
    expect(rivalView.paths.map((p) => p.key)).toEqual([
      pathKey([alice, bot]),
      pathKey([{ type: "user", id: "mallory" }, planner, bot]),
    ]);
    expect(rivalView.escalatedEvents).toBe(2);
    // Newest first across variants.
    expect(rivalView.escalations.map((e) => e.escalations[0]?.scopes)).toEqual([["b"], ["root"]]);
    expect(rivalView.paths[0]).toMatchObject({ events: 2, variants: 2, escalatedEvents: 2 });
  });

  it("is empty for a range without delegated events", async () => {
    const { tenant, key } = await tenantWithKey("deleg-empty");
    await postEvents(key, [event({ time: at("10:00") })]);
    const overview = await delegationOverview(tenant.id, range);
    expect(overview).toMatchObject({
      events: 0,
      escalatedEvents: 0,
      paths: [],
      humans: [],
      agents: [],
      escalations: [],
    });
  });
});
