import { describe, expect, it } from "vitest";
import { event, tenantWithKey } from "@/lib/testing/fixtures";
import { currentSeq, detectorRule, evaluate, ingest, keysOf } from "./testing";

// The finding and first-seen detectors, on events ingested through the real collector: each
// with events that must fire and near misses that must not. Every evaluation runs twice
// (see `evaluate`), so each case also proves a retried batch raises the same candidates.

const USER = { type: "user", id: "u-1", name: "Una" };
const AGENT = { type: "agent", id: "support-assistant" };
const CLIENT = { id: "cl-support", kind: "ai_agent", registration: "dynamic" };
const SCOPES = ["tickets:write", "crm:read"];
const at = (hhmm: string, day = "20") => `2026-11-${day}T${hhmm}:00.000Z`;

const consent = (type: string, time: string, id: string, user = USER, extra: Record<string, unknown> = {}) =>
  event({
    id: `${type}-${id}-${user.id}`,
    type,
    time: at(time),
    actor: type === "consent.requested" ? AGENT : user,
    ...(type === "consent.requested" ? { onBehalfOf: user } : {}),
    client: CLIENT,
    scopes: SCOPES,
    consent: { id, scopes: SCOPES, ...extra },
    target: { type: "consent", id },
  });
const call = (id: string, time: string, scopes = ["tickets:write"], user = USER) =>
  event({
    id,
    time: at(time),
    actor: AGENT,
    onBehalfOf: user,
    client: CLIENT,
    target: { type: "tool", id: "zendesk.reply" },
    scopes,
  });

describe("use_after_consent_revoked and out_of_consent_scope", () => {
  it("fires once per use after revocation or expiry, not before, and scope findings only on their rule", async () => {
    const { tenant, key } = await tenantWithKey("det-consent");
    const u2 = { type: "user", id: "u-2", name: "Ugo" };
    await ingest(key, [
      consent("consent.requested", "09:00", "cns_a"),
      consent("consent.granted", "09:01", "cns_a"),
      call("use-before", "09:30"),
      call("use-wide", "09:40", ["tickets:write", "crm:write"]),
      consent("consent.revoked", "10:02", "cns_a"),
      call("use-after", "10:14"),
      event({
        id: "token-after",
        type: "token.issued",
        time: at("10:20"),
        actor: AGENT,
        onBehalfOf: USER,
        client: CLIENT,
        token: { id: "jti-1" },
        target: { type: "token", id: "jti-1" },
      }),
      consent("consent.requested", "09:00", "cns_e", u2),
      consent("consent.granted", "09:01", "cns_e", u2, { expiresAt: at("10:00") }),
      call("use-just-before-expiry", "09:59", ["tickets:write"], u2),
      call("use-after-expiry", "10:05", ["tickets:write"], u2),
    ]);

    const revoked = await evaluate(detectorRule("use_after_consent_revoked"), tenant.id);
    expect(keysOf(revoked)).toEqual(["user:u-1 | token-after", "user:u-1 | use-after", "user:u-2 | use-after-expiry"]);
    const afterRevocation = revoked.find((c) => c.windowKey === "use-after");
    expect(afterRevocation?.summary).toContain("zendesk.reply ran 12 min after consent cns_a was revoked");
    expect(afterRevocation?.explanation).toMatchObject({ finding: "use_after_revocation", user: "u-1" });
    expect(afterRevocation?.evidenceIds).toEqual(["use-after", "consent.revoked-cns_a-u-1"]);
    expect(revoked.find((c) => c.windowKey === "use-after-expiry")?.explanation.finding).toBe("use_after_expiry");

    const scope = await evaluate(detectorRule("out_of_consent_scope"), tenant.id);
    expect(keysOf(scope)).toEqual(["user:u-1 | use-wide"]);
    expect(scope[0]?.explanation.detail).toContain("used crm:write, outside consent cns_a");
    expect(scope[0]?.evidenceIds).toEqual(["use-wide", "consent.granted-cns_a-u-1"]);

    // Only the batch after the cursor is judged: a batch of the allowed use alone raises nothing.
    const afterAll = await currentSeq(tenant.id);
    await ingest(key, [call("use-later-allowed", "09:50", ["tickets:write"], u2)]);
    expect(await evaluate(detectorRule("use_after_consent_revoked"), tenant.id, { after: afterAll })).toEqual([]);
  });
});

describe("delegation_escalation", () => {
  const chain = (last: string[]) => [
    { type: "user", id: "u-42", scopes: ["payments:read"] },
    { type: "agent", id: "planner", scopes: ["payments:read"] },
    { type: "agent", id: "billing-bot", scopes: last },
  ];
  const hop = (id: string, correlationId: string | undefined, last: string[], type = "mcp.tool.called") =>
    event({
      id,
      type,
      onBehalfOf: { type: "user", id: "u-42" },
      delegation: chain(last),
      ...(correlationId ? { correlationId } : {}),
    });

  it("fires once per request (correlation id), else per event, and never on a narrowing chain", async () => {
    const { tenant, key } = await tenantWithKey("det-escalation");
    await ingest(key, [
      hop("esc-1", "req-esc", ["payments:read", "payments:write"]),
      hop("esc-2", "req-esc", ["payments:read", "payments:write"], "x-acme.step"),
      hop("esc-lone", undefined, ["payments:admin"]),
      hop("narrow", "req-ok", ["payments:read"]),
    ]);
    const found = await evaluate(detectorRule("delegation_escalation"), tenant.id);
    expect(keysOf(found)).toEqual(["user:u-42 | esc-lone", "user:u-42 | req-esc"]);
    const request = found.find((c) => c.windowKey === "req-esc");
    expect(request?.evidenceIds).toEqual(["esc-1", "esc-2"]);
    expect(request?.summary).toContain("billing-bot holds payments:write, which its delegator planner did not hold");
    expect(request?.explanation).toMatchObject({ correlationId: "req-esc", events: 2 });
  });
});

describe("cross_tenant_token", () => {
  const rejected = (id: string, reason: string, actor = AGENT) =>
    event({
      id,
      type: "token.rejected",
      outcome: "denied",
      reason,
      actor,
      token: { id: `jti-${id}`, tenant: "contoso" },
      target: { type: "token", id: `jti-${id}` },
      resource: "https://mcp.crm.example",
    });

  it("fires on a cross_tenant rejection, not on an expired token, and respects the scope", async () => {
    const { tenant, key } = await tenantWithKey("det-cross");
    await ingest(key, [
      rejected("cross-1", "cross_tenant"),
      rejected("expired-1", "expired"),
      rejected("cross-other", "cross_tenant", { type: "agent", id: "other-bot" }),
    ]);
    const found = await evaluate(detectorRule("cross_tenant_token"), tenant.id);
    expect(keysOf(found)).toEqual(["agent:other-bot | cross-other", "agent:support-assistant | cross-1"]);
    expect(found[1]?.summary).toBe(
      "support-assistant presented a token from tenant contoso to https://mcp.crm.example (rejected: cross_tenant)",
    );
    expect(found[1]?.explanation).toMatchObject({ tokenTenant: "contoso", tokenId: "jti-cross-1" });

    const scoped = await evaluate(detectorRule("cross_tenant_token", { scope: { agents: ["other-bot"] } }), tenant.id);
    expect(keysOf(scoped)).toEqual(["agent:other-bot | cross-other"]);
  });
});

describe("new_agent_or_client", () => {
  const acting = (id: string, agentId: string, clientId: string) =>
    event({ id, actor: { type: "agent", id: agentId }, client: { id: clientId, kind: "ai_agent" } });

  it("fires for an id with no earlier event and for registrations; not for ids seen before", async () => {
    const { tenant, key } = await tenantWithKey("det-new");
    await ingest(key, [acting("old-1", "old-bot", "cl-old")]);
    const before = await currentSeq(tenant.id);
    await ingest(key, [
      acting("old-2", "old-bot", "cl-old"),
      acting("new-1", "new-bot", "cl-new"),
      acting("new-2", "new-bot", "cl-new"),
      event({
        id: "reg-client",
        type: "client.registered",
        actor: { type: "user", id: "it-admin" },
        client: { id: "cl-dcr", kind: "ai_agent", registration: "dynamic" },
        target: { type: "client", id: "cl-dcr" },
        attributes: { registration: "RFC 7591 dynamic client registration" },
      }),
      event({
        id: "reg-agent",
        type: "agent.registered",
        actor: { type: "user", id: "it-admin" },
        client: { id: "cl-cimd", kind: "ai_agent", registration: "metadata_document" },
        target: { type: "agent", id: "reg-bot" },
      }),
      acting("pre-x", "outside-bot", "cl-x"),
      acting("in-x", "inside-bot", "cl-x"),
    ]);
    const batch = await currentSeq(tenant.id);
    // Evaluation lags ingest: events after the batch must not hide a newcomer inside it.
    await ingest(key, [acting("new-3", "new-bot", "cl-new")]);

    const found = await evaluate(detectorRule("new_agent_or_client"), tenant.id, { after: before, upTo: batch });
    expect(keysOf(found)).toEqual([
      "agent:inside-bot | first-seen",
      "agent:new-bot | first-seen",
      "agent:outside-bot | first-seen",
      "agent:reg-bot | first-seen",
      "client:cl-cimd | first-seen",
      "client:cl-dcr | first-seen",
      "client:cl-new | first-seen",
      "client:cl-x | first-seen",
    ]);
    const byGroup = new Map(found.map((c) => [c.groupKey, c]));
    expect(byGroup.get("agent:new-bot")?.evidenceIds).toEqual(["new-1"]);
    expect(byGroup.get("client:cl-dcr")?.explanation).toMatchObject({
      how: "registered",
      registration: "dynamic",
      registrationDetail: "RFC 7591 dynamic client registration",
    });
    expect(byGroup.get("client:cl-dcr")?.summary).toBe("New client cl-dcr registered by it-admin (dynamic)");
    expect(byGroup.get("agent:reg-bot")?.explanation).toMatchObject({
      how: "registered",
      registration: "metadata_document",
    });

    // In scope, each id is judged from its own first event: cl-x was seen (out of scope) before.
    const scoped = detectorRule("new_agent_or_client", { scope: { agents: ["inside-bot"] } });
    expect(keysOf(await evaluate(scoped, tenant.id, { after: before, upTo: batch }))).toEqual([
      "agent:inside-bot | first-seen",
    ]);

    // The whole history as one batch: old-bot is new there; the later batch alone holds no newcomer.
    expect(keysOf(await evaluate(detectorRule("new_agent_or_client"), tenant.id))).toContain(
      "agent:old-bot | first-seen",
    );
    expect(await evaluate(detectorRule("new_agent_or_client"), tenant.id, { after: batch })).toEqual([]);
  });
});

describe("new_tool_for_agent", () => {
  const use = (id: string, agentId: string, tool: string, time: string) =>
    event({ id, time: at(time), actor: { type: "agent", id: agentId }, target: { type: "tool", id: tool } });

  it("fires once per new (agent, tool) pair by seq, not for a tool the agent used before", async () => {
    const { tenant, key } = await tenantWithKey("det-tool");
    await ingest(key, [use("a1-t1", "a1", "t1", "10:00"), event({ id: "other-type", type: "mcp.resource.read" })]);
    const before = await currentSeq(tenant.id);
    await ingest(key, [
      use("a1-t1-again", "a1", "t1", "12:00"),
      use("a1-t2-a", "a1", "t2", "12:05"),
      use("a1-t2-b", "a1", "t2", "12:06"),
      use("a2-t1", "a2", "t1", "12:10"),
      use("a1-t3", "a1", "t3", "13:00"),
    ]);
    const batch = await currentSeq(tenant.id);
    // A late call of t3 lands in an earlier hour after the batch: t3 is still new in the batch.
    await ingest(key, [use("a1-t3-late", "a1", "t3", "09:00")]);

    const found = await evaluate(detectorRule("new_tool_for_agent"), tenant.id, { after: before, upTo: batch });
    expect(keysOf(found)).toEqual(["agent:a1 | tool:t2", "agent:a1 | tool:t3", "agent:a2 | tool:t1"]);
    expect(found[0]?.evidenceIds).toEqual(["a1-t2-a", "a1-t2-b"]);
    expect(found[0]?.summary).toBe("a1 called t2 for the first time");
    expect(await evaluate(detectorRule("new_tool_for_agent"), tenant.id, { after: batch })).toEqual([]);
  });
});
