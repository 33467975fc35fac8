import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/idp/okta/route";
import { prisma } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { oktaBatch, oktaDelivery, oktaEvent } from "./fixtures";
import { classifyOkta, oktaOutcome } from "./okta";

// The Okta Event Hook receiver, called in-process against real Postgres.

const URL = "http://attest.test/api/v1/idp/okta";

function headersWith(authorization: string | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (authorization) headers.authorization = authorization;
  return headers;
}

async function postOkta(authorization: string | null, body: unknown) {
  const headers = headersWith(authorization, { "content-type": "application/json" });
  const response = await POST(new Request(URL, { method: "POST", headers, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

async function verify(authorization: string | null, challenge?: string) {
  const extra: Record<string, string> = challenge ? { "x-okta-verification-challenge": challenge } : {};
  const response = await GET(new Request(URL, { method: "GET", headers: headersWith(authorization, extra) }));
  return { status: response.status, body: await response.json() };
}

const stored = (tenantId: string) => prisma.event.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
const dataOf = (row: { data: unknown }) => row.data as Record<string, unknown>;

describe("Okta event hook receiver", () => {
  it("echoes the one-time verification challenge, only with the ingest key", async () => {
    const { key } = await tenantWithKey("okta");
    const challenge = "X1aQ7xPA9Dn_pY2zR5Yb0Fk3uJ4fXqgXU3cHQtZ";
    expect(await verify(`Bearer ${key}`, challenge)).toEqual({ status: 200, body: { verification: challenge } });
    expect((await verify(`Bearer ${key}`)).status).toBe(400);
    for (const authorization of [null, "Bearer wrong", key]) {
      const res = await verify(authorization, challenge);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("maps the documented System Log events to contract events, keeping the original", async () => {
    const { tenant, key } = await tenantWithKey("okta");
    const batch = oktaBatch();
    const events = Object.values(batch);
    const res = await postOkta(`Bearer ${key}`, oktaDelivery(events));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: events.length, duplicates: 0, rejected: [] });
    expect(res.body.ids).toEqual(events.map((e) => `okta:${e.uuid}`));

    const byId = new Map((await stored(tenant.id)).map((row) => [row.eventId, row]));
    const row = (event: { uuid: string }) => {
      const found = byId.get(`okta:${event.uuid}`);
      if (!found) throw new Error(`okta:${event.uuid} was not stored`);
      return found;
    };

    const login = row(batch.login);
    expect(login).toMatchObject({
      type: "auth.login",
      outcome: "success",
      actorType: "user",
      actorId: "00uttidj01jqL21aM1d6",
      sessionKey: "00uttidj01jqL21aM1d6:102bZDNFfWaQSyEZQuDgWt-uQ",
      correlationId: "V04Oy4ubUOc5UuG6s9DyNQAABtc",
    });
    expect(dataOf(login)).toMatchObject({
      actor: { type: "user", id: "00uttidj01jqL21aM1d6", name: "John Doe" },
      source: { service: "okta", ip: "10.0.0.1", userAgent: expect.stringContaining("Chrome/131") },
    });
    expect((dataOf(login).attributes as { okta: unknown }).okta).toEqual(batch.login);

    expect(dataOf(row(batch.failedLogin))).toMatchObject({
      type: "auth.login",
      outcome: "failure",
      reason: "INVALID_CREDENTIALS",
    });
    expect(row(batch.mfa)).toMatchObject({ type: "auth.mfa", outcome: "success" });
    const token = row(batch.accessToken);
    expect(token).toMatchObject({ type: "token.issued", clientId: "0oa1gkh63g214r0Hq0g4", targetType: "token" });
    expect(dataOf(token)).toMatchObject({
      token: { id: "AT.6Zd3GvYvL2q4GBnGqQ9K", audience: "https://mcp.example.com" },
      scopes: ["openid", "profile", "payments:read"],
      client: { id: "0oa1gkh63g214r0Hq0g4", name: "MCP Console", kind: "human_app" },
    });
    expect(dataOf(row(batch.revoke))).toMatchObject({ type: "token.revoked", token: { id: "RT.Q2lQeTpxwGq4QbYpWn2" } });
    expect(dataOf(row(batch.rejected))).toMatchObject({
      type: "token.rejected",
      outcome: "failure",
      reason: "invalid_scope",
    });
    expect(dataOf(row(batch.consent))).toMatchObject({
      type: "consent.granted",
      consent: { id: "okta:00uttidj01jqL21aM1d6:0oa1gkh63g214r0Hq0g4", scopes: ["payments:read", "payments:write"] },
    });
    expect(row(batch.logout)).toMatchObject({ type: "auth.logout", outcome: "success" });
    // Unknown event types are kept, not dropped.
    expect(row(batch.created)).toMatchObject({ type: "x-okta.user.lifecycle.create", outcome: "success" });
  });

  it("stores nothing new when Okta redelivers the same events", async () => {
    const { tenant, key } = await tenantWithKey("okta");
    const events = Object.values(oktaBatch());
    expect((await postOkta(`Bearer ${key}`, oktaDelivery(events))).body.accepted).toBe(events.length);
    // A redelivery is a new delivery (new eventId) of the same System Log events.
    const again = await postOkta(`Bearer ${key}`, oktaDelivery(events));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: events.length, rejected: [] });
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(events.length);
  });

  it("answers 207 naming the bad event, and 400 for a body that is not an event hook", async () => {
    const { tenant, key } = await tenantWithKey("okta");
    const { uuid: _uuid, ...noUuid } = oktaEvent("user.session.start");
    const res = await postOkta(`Bearer ${key}`, oktaDelivery([oktaEvent("user.session.start"), noUuid]));
    expect(res.status).toBe(207);
    expect(res.body.rejected).toEqual([{ index: 1, errors: [expect.objectContaining({ path: "uuid" })] }]);
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(1);
    const bad = await postOkta(`Bearer ${key}`, { eventType: "com.okta.event_hook", data: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_body");
  });

  it("refuses a wrong or missing secret on POST with 401 and stores nothing", async () => {
    const { tenant, key } = await tenantWithKey("okta");
    for (const authorization of [null, "Bearer wrong", `Bearer ${key}x`]) {
      const res = await postOkta(authorization, oktaDelivery([oktaEvent("user.session.start")]));
      expect(res.status).toBe(401);
    }
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("stores into the tenant of the key only", async () => {
    const a = await tenantWithKey("okta-a");
    const b = await tenantWithKey("okta-b");
    const event = oktaEvent("user.session.start");
    expect((await postOkta(`Bearer ${a.key}`, oktaDelivery([event]))).body.accepted).toBe(1);
    expect(await prisma.event.count({ where: { tenantId: b.tenant.id } })).toBe(0);
    expect((await stored(a.tenant.id)).map((row) => row.eventId)).toEqual([`okta:${event.uuid}`]);
  });
});

describe("Okta mapping", () => {
  it("maps outcomes and event types", () => {
    expect(["SUCCESS", "ALLOW", "FAILURE", "DENY", "CHALLENGE", "SKIPPED", "UNKNOWN"].map(oktaOutcome)).toEqual([
      "success",
      "success",
      "failure",
      "denied",
      "pending",
      "pending",
      "pending",
    ]);
    expect(classifyOkta("user.mfa.factor.activate", "success")).toBe("auth.mfa");
    expect(classifyOkta("system.push.send_factor_verify_push", "success")).toBe("auth.mfa");
    expect(classifyOkta("app.oauth2.token.grant.id_token", "success")).toBe("token.issued");
    expect(classifyOkta("app.oauth2.as.token.grant.access_token", "success", "refresh_token")).toBe("token.refreshed");
    expect(classifyOkta("app.oauth2.as.token.grant.access_token", "denied")).toBe("token.rejected");
    expect(classifyOkta("app.oauth2.as.consent.grant", "denied")).toBe("consent.denied");
    expect(classifyOkta("app.oauth2.as.consent.revoke", "success")).toBe("consent.revoked");
    expect(classifyOkta("user.authentication.sso", "success")).toBe("x-okta.user.authentication.sso");
  });
});
