import { describe, expect, it } from "vitest";
import { type ConsentContext, consentFlags, consentLedger, humanDuration } from "./consent";
import type { EventData, FlagEvent, FlagMap } from "./types";

// Consent findings: every rule has cases that must flag and near misses that must not.

const USER = { type: "user" as const, id: "u-1", name: "Una" };
const AGENT = { type: "agent" as const, id: "support-assistant" };
const CLIENT = { id: "cl-support", kind: "ai_agent", registration: "dynamic" };
const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`);

let n = 0;
function fe(type: string, time: string, data: EventData, extra: Partial<FlagEvent> = {}): FlagEvent {
  n += 1;
  const actor = data.actor ?? AGENT;
  return {
    eventId: `ev-${n}`,
    seq: String(n),
    type,
    time: at(time),
    outcome: "success",
    actorType: actor.type,
    actorId: actor.id,
    agentId: actor.type === "user" ? null : actor.id,
    onBehalfOfId: data.onBehalfOf?.id ?? null,
    clientId: data.client?.id ?? null,
    correlationId: null,
    data: { type, ...data },
    ...extra,
  };
}

type ConsentOptions = { user?: typeof USER; client?: EventData["client"]; scopes?: string[]; expiresAt?: string };
const requested = (time: string, id: string, o: ConsentOptions = {}) =>
  fe("consent.requested", time, {
    actor: AGENT,
    onBehalfOf: o.user ?? USER,
    client: o.client ?? CLIENT,
    scopes: o.scopes ?? ["tickets:write", "crm:read"],
    consent: { id, scopes: o.scopes ?? ["tickets:write", "crm:read"] },
    resource: "https://mcp.support.example",
  });
const decided = (type: string, time: string, id: string, o: ConsentOptions = {}) =>
  fe(type, time, {
    actor: o.user ?? USER,
    client: o.client ?? CLIENT,
    consent: { id, scopes: o.scopes ?? ["tickets:write", "crm:read"], expiresAt: o.expiresAt },
  });
const granted = (time: string, id: string, o: ConsentOptions = {}) => decided("consent.granted", time, id, o);
const revoked = (time: string, id: string, o: ConsentOptions = {}) => decided("consent.revoked", time, id, o);
const denied = (time: string, id: string, o: ConsentOptions = {}) => decided("consent.denied", time, id, o);
const toolCall = (time: string, scopes = ["tickets:write"], extra: Partial<EventData> = {}) =>
  fe("mcp.tool.called", time, {
    actor: AGENT,
    onBehalfOf: USER,
    client: CLIENT,
    target: { type: "tool", id: "zendesk.reply" },
    scopes,
    ...extra,
  });

function flagsOf(uses: FlagEvent[], events: FlagEvent[], clientsOfAgent = new Map<string, string[]>()) {
  const into: FlagMap = new Map();
  const context: ConsentContext = { events, clientsOfAgent };
  consentFlags(uses, context, into);
  return uses.map((u) => (into.get(u.eventId) ?? []).map((f) => f.kind));
}

describe("consent flags (pure)", () => {
  const history = [requested("09:00", "cns_a"), granted("09:01", "cns_a"), revoked("10:02", "cns_a")];

  it("flags a use after revocation, saying how long after, with the revocation as evidence", () => {
    const use = toolCall("10:14");
    const into: FlagMap = new Map();
    consentFlags([use], { events: history, clientsOfAgent: new Map() }, into);
    expect(into.get(use.eventId)).toEqual([
      {
        kind: "use_after_revocation",
        eventId: use.eventId,
        detail: "mcp.tool.called zendesk.reply ran 12 min after consent cns_a was revoked.",
        evidence: [history[2]?.eventId],
      },
    ]);
  });

  it("does not flag a use before the revocation, or exactly while the grant is in force", () => {
    expect(flagsOf([toolCall("09:30"), toolCall("09:01"), toolCall("10:01")], history)).toEqual([[], [], []]);
  });

  it("flags a use at the very time of the revocation (revoked at or before the use)", () => {
    expect(flagsOf([toolCall("10:02")], history)).toEqual([["use_after_revocation"]]);
  });

  it("does not flag a use after a re-grant that followed the revocation", () => {
    const events = [...history, requested("10:20", "cns_b"), granted("10:21", "cns_b")];
    expect(flagsOf([toolCall("10:30"), toolCall("10:14")], events)).toEqual([[], ["use_after_revocation"]]);
  });

  it("does not flag when an older consent is revoked while a newer grant is in force", () => {
    const events = [
      requested("08:00", "cns_old"),
      granted("08:01", "cns_old"),
      requested("09:00", "cns_new"),
      granted("09:01", "cns_new"),
      revoked("10:00", "cns_old"),
    ];
    expect(flagsOf([toolCall("10:30")], events)).toEqual([[]]);
  });

  it("flags a use after expiry, and not one just before it", () => {
    const events = [requested("09:00", "cns_e"), granted("09:01", "cns_e", { expiresAt: "2026-11-20T10:00:00Z" })];
    const late = toolCall("10:05");
    const into: FlagMap = new Map();
    consentFlags([late, toolCall("09:59")], { events, clientsOfAgent: new Map() }, into);
    expect(into.get(late.eventId)?.[0]).toMatchObject({
      kind: "use_after_expiry",
      detail: "mcp.tool.called zendesk.reply ran 5 min after consent cns_e expired.",
      evidence: [events[1]?.eventId],
    });
    expect(into.size).toBe(1);
  });

  it("flags a use after a denial", () => {
    expect(flagsOf([toolCall("09:05")], [requested("09:00", "cns_d"), denied("09:01", "cns_d")])).toEqual([
      ["use_after_denial"],
    ]);
  });

  it("flags scopes outside the consent, naming them and the consent, and not in-scope uses", () => {
    const events = [requested("09:00", "cns_s"), granted("09:01", "cns_s")];
    const outside = toolCall("09:30", ["tickets:write", "payments:write"]);
    const into: FlagMap = new Map();
    consentFlags(
      [outside, toolCall("09:31", ["crm:read", "tickets:write"])],
      { events, clientsOfAgent: new Map() },
      into,
    );
    expect(into.get(outside.eventId)).toEqual([
      {
        kind: "out_of_consent_scope",
        eventId: outside.eventId,
        detail:
          "mcp.tool.called zendesk.reply used payments:write, outside consent cns_s (granted tickets:write, crm:read).",
        evidence: [events[1]?.eventId],
      },
    ]);
    expect(into.size).toBe(1);
  });

  it("shortens a long list of granted scopes in the detail", () => {
    const scopes = ["a:1", "a:2", "a:3", "a:4", "a:5", "a:6", "a:7", "a:8"];
    const events = [granted("09:01", "cns_long", { scopes })];
    const use = toolCall("09:30", ["admin:all"]);
    const into: FlagMap = new Map();
    consentFlags([use], { events, clientsOfAgent: new Map() }, into);
    expect(into.get(use.eventId)?.[0]?.detail).toBe(
      "mcp.tool.called zendesk.reply used admin:all, outside consent cns_long (granted a:1, a:2, a:3, a:4, a:5 and 3 more).",
    );
  });

  it("uses the scopes granted (which may narrow the request), not those requested", () => {
    const events = [
      requested("09:00", "cns_n", { scopes: ["tickets:write", "crm:read"] }),
      granted("09:01", "cns_n", { scopes: ["tickets:write"] }),
    ];
    expect(flagsOf([toolCall("09:30", ["crm:read"])], events)).toEqual([["out_of_consent_scope"]]);
  });

  it("ignores another user's revocation and another client's revocation", () => {
    const other = { type: "user" as const, id: "u-2", name: "Otto" };
    const otherClient = { id: "cl-other", kind: "ai_agent", registration: "dynamic" };
    const events = [
      requested("09:00", "cns_mine"),
      granted("09:01", "cns_mine"),
      requested("09:00", "cns_theirs", { user: other }),
      granted("09:01", "cns_theirs", { user: other }),
      revoked("10:00", "cns_theirs", { user: other }),
    ];
    expect(flagsOf([toolCall("10:30")], events)).toEqual([[]]);
    // The same user revoked a different client's consent: this client's use is not affected.
    const otherAgent = { type: "agent" as const, id: "other-agent" };
    const elsewhere = [
      fe("consent.requested", "09:00", {
        actor: otherAgent,
        onBehalfOf: USER,
        client: otherClient,
        consent: { id: "cns_x", scopes: ["tickets:write"] },
      }),
      granted("09:01", "cns_x", { client: otherClient }),
      revoked("10:00", "cns_x", { client: otherClient }),
    ];
    expect(flagsOf([toolCall("10:30")], [...events, ...elsewhere])).toEqual([[]]);
  });

  it("never flags without any consent history (consent predating the data, human apps, services)", () => {
    expect(flagsOf([toolCall("10:30", ["anything:admin"])], [])).toEqual([[]]);
    const humanApp = fe("mcp.tool.called", "10:30", { actor: USER, client: { id: "console", kind: "human_app" } });
    expect(flagsOf([humanApp], history)).toEqual([[]]);
  });

  it("flags refused attempts too and says they were refused", () => {
    const use = toolCall("10:14");
    use.outcome = "denied";
    use.data.reason = "token revoked";
    const into: FlagMap = new Map();
    consentFlags([use], { events: history, clientsOfAgent: new Map() }, into);
    expect(into.get(use.eventId)?.[0]?.detail).toBe(
      "mcp.tool.called zendesk.reply ran 12 min after consent cns_a was revoked. The attempt was refused (token revoked).",
    );
  });

  it("flags a delegated use after the root agent's consent was revoked, matched through its clients", () => {
    const chain = [
      { ...USER, scopes: ["tickets:write"] },
      { type: "agent" as const, id: "ops-planner", scopes: ["tickets:write"] },
      { type: "agent" as const, id: "ticket-bot", scopes: ["tickets:write"] },
    ];
    const planner = { id: "cl-planner", kind: "ai_agent" };
    const events = [granted("09:01", "cns_p", { client: planner }), revoked("10:00", "cns_p", { client: planner })];
    const use = fe("mcp.tool.called", "10:30", {
      actor: { type: "agent", id: "ticket-bot" },
      onBehalfOf: USER,
      client: { id: "cl-ticket-bot", kind: "ai_agent" },
      delegation: chain,
      scopes: ["tickets:write"],
    });
    expect(flagsOf([use], events, new Map([["ops-planner", ["cl-planner"]]]))).toEqual([["use_after_revocation"]]);
    // Without knowing the planner's clients, the ticket bot's own (absent) consent decides: no flag.
    expect(flagsOf([use], events)).toEqual([[]]);
  });

  it("builds the ledger: status now, scopes, resource, expiry, client and agent", () => {
    const ledger = consentLedger(
      [
        requested("09:00", "cns_l"),
        granted("09:01", "cns_l", { expiresAt: "2026-11-21T00:00:00Z" }),
        requested("09:10", "cns_r"),
        granted("09:11", "cns_r"),
        revoked("09:20", "cns_r"),
      ],
      at("12:00"),
    );
    expect(ledger.map((r) => [r.consentId, r.status, r.userId, r.clientId, r.agentId, r.registration])).toEqual([
      ["cns_l", "granted", "u-1", "cl-support", "support-assistant", "dynamic"],
      ["cns_r", "revoked", "u-1", "cl-support", "support-assistant", "dynamic"],
    ]);
    expect(ledger[0]).toMatchObject({ resource: "https://mcp.support.example", scopes: ["tickets:write", "crm:read"] });
    expect(
      consentLedger([granted("09:01", "cns_l", { expiresAt: "2026-11-20T11:00:00Z" })], at("12:00"))[0]?.status,
    ).toBe("expired");
  });

  it("says durations as a person would", () => {
    expect([
      humanDuration(42_000),
      humanDuration(12 * 60_000),
      humanDuration(185 * 60_000),
      humanDuration(50 * 3_600_000),
    ]).toEqual(["42 s", "12 min", "3 h 5 min", "2 d 2 h"]);
  });
});
