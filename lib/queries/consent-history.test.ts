import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { consentHistory, parseConsentSubject } from "./consent-history";
import { consentSubjects } from "./consent-subjects";

// The consent page's reads against real Postgres: a person's history with a revocation and
// the flagged call after it, what is in force, the agent and client views, the subject list,
// and tenant scoping.

const range = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };
const now = new Date("2026-11-20T23:00:00Z");
const una = { type: "user", id: "u-una", name: "Una Example" };
const otto = { type: "user", id: "u-otto", name: "Otto Example" };
const assistant = { type: "agent", id: "support-assistant", name: "Support Assistant" };
const client = { id: "dcr_support", name: "Support Assistant", kind: "ai_agent", registration: "dynamic" };
const resource = "https://mcp.support.example";

function story() {
  const consent = (type: string, time: string, id: string, user = una, extra: object = {}) =>
    event({
      type,
      time,
      actor: type === "consent.requested" ? assistant : user,
      ...(type === "consent.requested" ? { onBehalfOf: user } : {}),
      client,
      target: { type: "consent", id },
      resource,
      scopes: ["tickets:write", "crm:read"],
      consent: { id, scopes: ["tickets:write", "crm:read"], ...extra },
      correlationId: `oauth-${id}`,
    });
  const call = (time: string, tool: string, user = una) =>
    event({
      type: "mcp.tool.called",
      time,
      actor: assistant,
      onBehalfOf: user,
      client,
      target: { type: "tool", id: tool },
      resource,
      scopes: ["tickets:write"],
      correlationId: `req-${tool}-${time}`,
    });
  return [
    consent("consent.requested", "2026-11-20T09:00:00Z", "cns_old"),
    consent("consent.granted", "2026-11-20T09:00:20Z", "cns_old", una, { expiresAt: "2027-02-18T09:00:00Z" }),
    call("2026-11-20T09:30:00Z", "crm.lookup_customer"),
    consent("consent.revoked", "2026-11-20T10:02:00Z", "cns_old"),
    call("2026-11-20T10:14:00Z", "zendesk.reply"),
    consent("consent.requested", "2026-11-20T11:00:00Z", "cns_new"),
    consent("consent.granted", "2026-11-20T11:00:10Z", "cns_new", una, { expiresAt: "2027-02-18T11:00:00Z" }),
    call("2026-11-20T11:30:00Z", "zendesk.reply"),
    // Otto's consent, never revoked: nothing flagged for him.
    consent("consent.requested", "2026-11-20T09:00:00Z", "cns_otto", otto),
    consent("consent.granted", "2026-11-20T09:00:30Z", "cns_otto", otto, { expiresAt: "2027-02-18T09:00:00Z" }),
    call("2026-11-20T12:00:00Z", "zendesk.reply", otto),
  ];
}

describe("consent history", () => {
  it("reads a subject from the URL", () => {
    expect(parseConsentSubject(new URLSearchParams("user=u-1"))).toEqual({ kind: "user", id: "u-1" });
    expect(parseConsentSubject(new URLSearchParams("agent=a&range=7d"))).toEqual({ kind: "agent", id: "a" });
    expect(parseConsentSubject(new URLSearchParams("client=%20"))).toBeNull();
    expect(parseConsentSubject(new URLSearchParams(""))).toBeNull();
  });

  it("shows a person's revocation followed by the flagged call, and what is in force now", async () => {
    const { tenant, key } = await tenantWithKey("consents");
    expect((await postEvents(key, story())).status).toBe(200);
    const history = await consentHistory(tenant.id, { kind: "user", id: "u-una" }, range, now);
    if (!history) throw new Error("expected a history");
    expect(history.subject).toEqual({ kind: "user", id: "u-una", name: "Una Example" });
    expect(history.timeline.map((e) => [e.time.toISOString().slice(11, 16), e.type, e.target ?? e.consentId])).toEqual([
      ["09:00", "consent.requested", "cns_old"],
      ["09:00", "consent.granted", "cns_old"],
      ["10:02", "consent.revoked", "cns_old"],
      ["10:14", "mcp.tool.called", "zendesk.reply"],
      ["11:00", "consent.requested", "cns_new"],
      ["11:00", "consent.granted", "cns_new"],
    ]);
    const flaggedCall = history.timeline[3];
    expect(flaggedCall?.flags.map((f) => [f.kind, f.detail])).toEqual([
      ["use_after_revocation", "mcp.tool.called zendesk.reply ran 12 min after consent cns_old was revoked."],
    ]);
    expect(history.timeline[1]).toMatchObject({
      clientId: "dcr_support",
      registration: "dynamic",
      agentId: "support-assistant",
      resource,
      scopes: ["tickets:write", "crm:read"],
      expiresAt: new Date("2027-02-18T09:00:00Z"),
    });
    expect(history.flagged.map((f) => f.target)).toEqual(["zendesk.reply"]);
    expect(history.usesChecked).toBe(3);
    expect(history.usesCapped).toBe(false);
    expect(history.inForce.map((r) => [r.consentId, r.agentId, r.grantedAt?.toISOString()])).toEqual([
      ["cns_new", "support-assistant", "2026-11-20T11:00:10.000Z"],
    ]);
    expect(history.records.map((r) => [r.consentId, r.status])).toEqual([
      ["cns_new", "granted"],
      ["cns_old", "revoked"],
    ]);
  });

  it("shows an agent's and a client's consents across people, flagging only the call after revocation", async () => {
    const { tenant, key } = await tenantWithKey("consents");
    await postEvents(key, story());
    for (const subject of [
      { kind: "agent" as const, id: "support-assistant" },
      { kind: "client" as const, id: "dcr_support" },
    ]) {
      const history = await consentHistory(tenant.id, subject, range, now);
      expect(history?.flagged.map((f) => [f.userId, f.target, f.flags[0]?.kind])).toEqual([
        ["u-una", "zendesk.reply", "use_after_revocation"],
      ]);
      expect(history?.inForce.map((r) => r.consentId).sort()).toEqual(["cns_new", "cns_otto"]);
      expect(history?.usesChecked).toBe(4);
    }
  });

  it("lists subjects with consent activity, revocations first, searchable", async () => {
    const { tenant, key } = await tenantWithKey("consents");
    await postEvents(key, story());
    const subjects = await consentSubjects(tenant.id, range);
    expect(subjects.users.map((u) => [u.id, u.name, u.events, u.grants, u.revocations])).toEqual([
      ["u-una", "Una Example", 5, 2, 1],
      ["u-otto", "Otto Example", 2, 1, 0],
    ]);
    expect(subjects.agents.map((a) => [a.id, a.events, a.revocations])).toEqual([["support-assistant", 7, 1]]);
    expect(subjects.clients.map((c) => [c.id, c.name, c.events])).toEqual([["dcr_support", "Support Assistant", 7]]);
    const searched = await consentSubjects(tenant.id, range, "otto");
    expect(searched.users.map((u) => u.id)).toEqual(["u-otto"]);
    expect(searched.agents).toEqual([]);
    expect((await consentSubjects(tenant.id, range, "100%_")).users).toEqual([]);
  });

  it("answers null for unknown ids and another tenant's subjects", async () => {
    const { tenant, key } = await tenantWithKey("consents");
    await postEvents(key, story());
    const { tenant: rival } = await tenantWithKey("rival");
    expect(await consentHistory(rival.id, { kind: "user", id: "u-una" }, range, now)).toBeNull();
    expect(await consentHistory(rival.id, { kind: "agent", id: "support-assistant" }, range, now)).toBeNull();
    expect(await consentHistory(tenant.id, { kind: "client", id: "nope" }, range, now)).toBeNull();
    expect((await consentSubjects(rival.id, range)).users).toEqual([]);
  });
});
