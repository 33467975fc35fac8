import { createPublicKey } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { AuthContext } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { checkpointNow } from "@/lib/integrity/checkpoints";
import { seededTenant, tamper } from "@/lib/integrity/testing";
import { createApiToken } from "@/lib/keys/api-tokens";
import { GET as CHECKPOINTS } from "./checkpoints/route";
import { GET as PUBLIC_KEY } from "./public-key/route";
import { GET as VERIFICATIONS } from "./verifications/route";
import { GET as VERIFY } from "./verify/route";

// The integrity routes in-process with real Postgres; only "who is signed in" is stubbed
// (e2e/roles.spec.ts covers real sign-ins).
const session = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getAuthContext: async () => session.current,
}));

async function as(tenantId: string | null, role: Role) {
  if (!tenantId) {
    session.current = null;
    return;
  }
  const tenant = await prisma.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true },
  });
  session.current = {
    user: { id: "u", email: `${role}@${tenant.slug}.test`, name: null },
    tenant,
    role,
    tenants: [{ ...tenant, role }],
  } satisfies AuthContext;
}

const get = async (handler: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) => {
  const response = await handler(new Request(`http://attest.test/api/v1/integrity/${path}`, { headers }));
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text,
    body: text.startsWith("{") ? JSON.parse(text) : null,
  };
};

describe("integrity API", () => {
  it("verify: auditors and admins run it for their own tenant; viewers get 403, strangers 401", async () => {
    const { tenantId } = await seededTenant("api");
    await as(tenantId, "auditor");
    const ok = await get(VERIFY, "verify");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "ok", eventsChecked: 10, fromSeq: "1", toSeq: "10" });
    expect(ok.body.id).toBeTruthy();
    const run = await prisma.integrityVerification.findUniqueOrThrow({ where: { id: ok.body.id } });
    expect(run).toMatchObject({
      tenantId,
      status: "ok",
      requestedBy: `user:auditor@${(await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).slug}.test`,
    });

    await as(tenantId, "viewer");
    expect((await get(VERIFY, "verify")).status).toBe(403);
    await as(null, "viewer");
    expect((await get(VERIFY, "verify")).status).toBe(401);
  });

  it("verify: a range, a bad range (400), and tampering (200, failed, naming the event)", async () => {
    const { tenantId, ids } = await seededTenant("api");
    await as(tenantId, "admin");
    expect((await get(VERIFY, "verify?fromSeq=3&toSeq=5")).body).toMatchObject({
      eventsChecked: 3,
      fromSeq: "3",
      toSeq: "5",
    });
    const bad = await get(VERIFY, "verify?fromSeq=5&toSeq=2");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    expect((await get(VERIFY, "verify?fromSeq=1&from=2026-01-01T00:00:00Z")).status).toBe(400);
    await tamper((db) =>
      db.query("UPDATE events SET outcome = 'failure' WHERE tenant_id = $1 AND seq = 2", [tenantId]),
    );
    const failed = await get(VERIFY, "verify");
    expect(failed.status).toBe(200);
    expect(failed.body.status).toBe("failed");
    expect(failed.body.findings).toEqual([expect.objectContaining({ kind: "modified", seq: "2", eventId: ids[1] })]);
  });

  it("verify: an API token with the integrity:verify scope checks its own tenant only", async () => {
    const mine = await seededTenant("api");
    const other = await seededTenant("api");
    await tamper((db) => db.query("DELETE FROM events WHERE tenant_id = $1 AND seq = 3", [other.tenantId]));
    const { token } = await createApiToken(mine.tenantId, { name: "ci", scopes: ["integrity:verify"], createdBy: "t" });
    const result = await get(VERIFY, "verify", { authorization: `Bearer ${token}` });
    expect(result.body).toMatchObject({ status: "ok", eventsChecked: 10 });
    const rulesOnly = await createApiToken(mine.tenantId, { name: "rules", scopes: ["rules:write"], createdBy: "t" });
    expect((await get(VERIFY, "verify", { authorization: `Bearer ${rulesOnly.token}` })).status).toBe(403);
  });

  it("public key: JSON list and PEM download without sign-in", async () => {
    await as(null, "viewer");
    const listed = await get(PUBLIC_KEY, "public-key");
    expect(listed.status).toBe(200);
    const key = listed.body.keys[0];
    expect(key).toMatchObject({ algorithm: "Ed25519", keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const pem = await get(PUBLIC_KEY, "public-key?format=pem");
    expect(pem.type).toBe("application/x-pem-file");
    expect(createPublicKey(pem.text).asymmetricKeyType).toBe("ed25519");
  });

  it("checkpoints and verifications: listed for the caller's tenant only", async () => {
    const a = await seededTenant("api");
    const b = await seededTenant("api");
    await checkpointNow(a.tenantId);
    await checkpointNow(b.tenantId);
    await as(a.tenantId, "viewer");
    const checkpoints = await get(CHECKPOINTS, "checkpoints");
    expect(checkpoints.body.checkpoints.map((c: { tenantId: string }) => c.tenantId)).toEqual([a.tenantId]);
    await as(a.tenantId, "admin");
    await get(VERIFY, "verify");
    await as(b.tenantId, "viewer");
    expect((await get(VERIFICATIONS, "verifications")).body.verifications).toEqual([]);
    await as(a.tenantId, "viewer");
    expect((await get(VERIFICATIONS, "verifications")).body.verifications).toHaveLength(1);
  });
});
