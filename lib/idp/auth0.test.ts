import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/idp/auth0/route";
import { prisma } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { classifyAuth0 } from "./auth0";
import { boundedOriginal } from "./common";
import { auth0Batch, auth0Log } from "./fixtures";

// The Auth0 Log Streams receiver, called in-process against real Postgres.

async function postAuth0(authorization: string | null, body: unknown, contentType = "application/json") {
  const headers: Record<string, string> = { "content-type": contentType };
  if (authorization) headers.authorization = authorization;
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const response = await POST(
    new Request("http://attest.test/api/v1/idp/auth0", { method: "POST", headers, body: payload }),
  );
  return { status: response.status, body: await response.json() };
}

const stored = (tenantId: string) => prisma.event.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
const dataOf = (row: { data: unknown }) => row.data as Record<string, unknown>;

describe("Auth0 log stream receiver", () => {
  it("maps each documented log type to its contract event, keeping the original", async () => {
    const { tenant, key } = await tenantWithKey("auth0");
    const batch = auth0Batch();
    const records = Object.values(batch);
    const res = await postAuth0(`Bearer ${key}`, records);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(records.length);
    expect(res.body.ids).toEqual(records.map((r) => `auth0:${r.log_id}`));

    const rows = await stored(tenant.id);
    const byId = new Map(rows.map((row) => [row.eventId, row]));
    const row = (record: { log_id: string }) => {
      const found = byId.get(`auth0:${record.log_id}`);
      if (!found) throw new Error(`auth0:${record.log_id} was not stored`);
      return found;
    };

    const login = row(batch.login);
    expect(login).toMatchObject({ type: "auth.login", outcome: "success", actorType: "user" });
    expect(login.actorId).toBe("auth0|56c75c4e42b6359e98374bc2");
    expect(login.clientId).toBe("AaiyAPdpYdesoKnqjj8HJqRn4T5titww");
    expect(dataOf(login)).toMatchObject({
      actor: { type: "user", id: "auth0|56c75c4e42b6359e98374bc2", name: "jane@example.com" },
      client: { id: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww", name: "My application Name", kind: "human_app" },
      source: { service: "auth0", ip: "190.57.209.19", userAgent: "Chrome 131.0.0 / Mac OS X 10.15.7" },
    });
    expect((dataOf(login).attributes as { auth0: unknown }).auth0).toEqual(batch.login.data);

    expect(dataOf(row(batch.wrongPassword))).toMatchObject({
      type: "auth.login",
      outcome: "failure",
      reason: "Wrong email or password.",
    });
    expect(dataOf(row(batch.mfa))).toMatchObject({ type: "auth.mfa", outcome: "success" });
    expect(dataOf(row(batch.codeExchange))).toMatchObject({
      type: "token.issued",
      outcome: "success",
      token: { audience: "https://mcp.example.com" },
      scopes: ["openid", "profile", "payments:read"],
    });
    expect(dataOf(row(batch.refresh))).toMatchObject({ type: "token.refreshed", outcome: "success" });
    const machine = row(batch.machineFailure);
    expect(machine).toMatchObject({ type: "token.rejected", outcome: "failure", actorType: "service" });
    expect(dataOf(machine)).toMatchObject({
      actor: { type: "service", id: "m2m-billing-worker", name: "Billing worker" },
      client: { id: "m2m-billing-worker", kind: "service" },
      reason: "Unauthorized",
    });
    expect(row(batch.logout)).toMatchObject({ type: "auth.logout", outcome: "success" });
    // Unknown codes are kept, not dropped.
    expect(row(batch.signup)).toMatchObject({ type: "x-auth0.ss", outcome: "success" });
    const management = row(batch.managementApi);
    expect(management).toMatchObject({ type: "x-auth0.sapi", targetType: "api", targetId: "POST /api/v2/clients" });
    // The documented sample's "190.257.209.19" is not an address: kept in the original only.
    expect((dataOf(management).source as Record<string, unknown>).ip).toBeUndefined();
    expect((dataOf(management).attributes as { auth0: { ip: string } }).auth0.ip).toBe("190.257.209.19");
  });

  it("stores nothing new when Auth0 redelivers the same batch", async () => {
    const { tenant, key } = await tenantWithKey("auth0");
    const records = Object.values(auth0Batch());
    expect((await postAuth0(`Bearer ${key}`, records)).body.accepted).toBe(records.length);
    const again = await postAuth0(`Bearer ${key}`, records);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: records.length, rejected: [] });
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(records.length);
  });

  it("accepts JSON lines, a single envelope and a bare log object", async () => {
    const { tenant, key } = await tenantWithKey("auth0");
    const lines = [auth0Log("s"), auth0Log("slo")].map((r) => JSON.stringify(r)).join("\n");
    expect((await postAuth0(`Bearer ${key}`, lines)).body.accepted).toBe(2);
    expect((await postAuth0(`Bearer ${key}`, auth0Log("gd_auth_failed"))).body.accepted).toBe(1);
    const bare = auth0Log("f", { description: "Invalid user" }).data;
    const res = await postAuth0(`Bearer ${key}`, bare, "application/x-ndjson");
    expect(res.body.ids).toEqual([`auth0:${bare.log_id}`]);
    const types = (await stored(tenant.id)).map((row) => [row.type, row.outcome]);
    expect(types).toEqual([
      ["auth.login", "success"],
      ["auth.logout", "success"],
      ["auth.mfa", "failure"],
      ["auth.login", "failure"],
    ]);
  });

  it("answers 207 naming the bad record and stores the rest", async () => {
    const { tenant, key } = await tenantWithKey("auth0");
    const broken = auth0Log("s", { date: undefined });
    const res = await postAuth0(`Bearer ${key}`, [auth0Log("s"), broken, auth0Log("slo")]);
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toHaveLength(1);
    expect(res.body.rejected[0]).toMatchObject({ index: 1, errors: [{ path: "data.date" }] });
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it("refuses a wrong or missing secret with 401 and stores nothing", async () => {
    const { tenant, key } = await tenantWithKey("auth0");
    const body = [auth0Log("s")];
    for (const authorization of [null, "Bearer not-a-key", `Bearer ${key}x`, key]) {
      const res = await postAuth0(authorization, body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("stores into the tenant of the key only", async () => {
    const a = await tenantWithKey("auth0-a");
    const b = await tenantWithKey("auth0-b");
    const record = auth0Log("s");
    expect((await postAuth0(`Bearer ${b.key}`, [record])).body.accepted).toBe(1);
    expect(await prisma.event.count({ where: { tenantId: a.tenant.id } })).toBe(0);
    expect((await stored(b.tenant.id)).map((row) => row.eventId)).toEqual([`auth0:${record.log_id}`]);
    // The same log in another tenant is that tenant's own event, not a duplicate.
    expect((await postAuth0(`Bearer ${a.key}`, [record])).body.accepted).toBe(1);
  });
});

describe("Auth0 mapping", () => {
  it("classifies type codes", () => {
    expect(classifyAuth0("fu")).toEqual({ type: "auth.login", outcome: "failure" });
    expect(classifyAuth0("limit_wc")).toEqual({ type: "auth.login", outcome: "denied" });
    expect(classifyAuth0("gd_auth_rejected")).toEqual({ type: "auth.mfa", outcome: "denied" });
    expect(classifyAuth0("gd_otp_rate_limit_exceed")).toEqual({ type: "auth.mfa", outcome: "failure" });
    expect(classifyAuth0("gd_send_pn")).toEqual({ type: "auth.mfa", outcome: "pending" });
    expect(classifyAuth0("seccft")).toEqual({ type: "token.issued", outcome: "success" });
    expect(classifyAuth0("feacft")).toEqual({ type: "token.rejected", outcome: "failure" });
    expect(classifyAuth0("fapi")).toEqual({ type: "x-auth0.fapi", outcome: "failure" });
  });

  it("bounds a large original, dropping its biggest fields first", () => {
    const original = { log_id: "1", type: "s", details: { blob: "x".repeat(20_000) }, user_id: "u" };
    const bounded = boundedOriginal(original);
    expect(bounded).toEqual({ log_id: "1", type: "s", user_id: "u", _truncated: ["details"] });
    expect(boundedOriginal({ a: 1 })).toEqual({ a: 1 });
  });
});
