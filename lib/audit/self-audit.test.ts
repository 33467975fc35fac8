import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as ROTATE_DESTINATION } from "@/app/api/v1/settings/destinations/[id]/rotate/route";
import { DELETE as DISABLE_DESTINATION } from "@/app/api/v1/settings/destinations/[id]/route";
import { POST as CREATE_DESTINATION } from "@/app/api/v1/settings/destinations/route";
import { DELETE as REVOKE_KEY } from "@/app/api/v1/settings/keys/[prefix]/route";
import { POST as CREATE_KEY } from "@/app/api/v1/settings/keys/route";
import { PATCH as CHANGE_ROLE, DELETE as REMOVE_MEMBER } from "@/app/api/v1/settings/members/[userId]/route";
import { POST as ADD_MEMBER } from "@/app/api/v1/settings/members/route";
import { PUT as PUT_PHI } from "@/app/api/v1/settings/phi-patterns/route";
import { DELETE as REVOKE_TOKEN } from "@/app/api/v1/settings/tokens/[prefix]/route";
import { POST as CREATE_TOKEN } from "@/app/api/v1/settings/tokens/route";
import { ruleSetSchema } from "../alerts/rules/schema";
import { applyRuleSet } from "../alerts/rules/store";
import { disconnectDb } from "../db";
import { signInAs } from "./session-mock";
import { auditEvents, type StoredAuditEvent, tenantWithPeople } from "./testing";

// Each audited dashboard action, through its real route handler and a real session lookup,
// stores exactly one x-attest.* event of the right type, actor and target, sequenced and
// hash-chained like any other event; a repeated or refused action stores none.

vi.mock("next-auth", async (original) => (await import("./session-mock")).nextAuthMock(original));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock());
process.env.ATTEST_SECRET_KEY ??= "test-master-key-0123456789-abcdefghijklmnop";

const BROWSER = { "user-agent": "vitest-browser/1.0", "x-forwarded-for": "203.0.113.7, 10.0.0.1" };
type Handler = (request: Request, route?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, method: string, path: string, body?: unknown, params = {}) {
  const request = new Request(`http://attest.test${path}`, {
    method,
    headers: { ...BROWSER, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let tenantId: string;
let admin: { id: string; email: string; name: string | null };
let viewer: { id: string; email: string };
let seen = 0;

/** The x-attest.* events stored since the last call: the test asserts on exactly these. */
async function newEvents(): Promise<StoredAuditEvent[]> {
  const all = await auditEvents(tenantId);
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}

function expectByAdmin(event: StoredAuditEvent | undefined, type: string, target: { type: string; id: string }) {
  expect(event).toMatchObject({
    type,
    outcome: "success",
    actor_type: "user",
    actor_id: admin.email,
    target_type: target.type,
    target_id: target.id,
  });
  expect(event?.data.actor.name).toBe(admin.name);
  expect(event?.data.source?.service).toBe("attest-dashboard");
  expect(event?.data.attributes).toMatchObject({ clientIp: "203.0.113.7", userAgent: "vitest-browser/1.0" });
  expect(Number(event?.seq)).toBeGreaterThan(0);
  expect(event?.chain_hash).toBeInstanceOf(Buffer);
}

beforeAll(async () => {
  const setup = await tenantWithPeople("self-audit", ["admin", "viewer"]);
  tenantId = setup.tenant.id;
  admin = setup.people.admin;
  viewer = setup.people.viewer;
  signInAs(admin.id, BROWSER);
});

afterAll(() => disconnectDb());

describe("self-audit of dashboard actions", () => {
  it("ingest keys: created and revoked once each, never the secret", async () => {
    const created = await call(CREATE_KEY, "POST", "/api/v1/settings/keys", { name: "gateway" });
    expect(created.status).toBe(201);
    const prefix = (created.body.key as { prefix: string }).prefix;
    const [createdEvent, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expectByAdmin(createdEvent, "x-attest.ingest_key.created", { type: "x-ingest-key", id: prefix });
    expect(JSON.stringify(createdEvent?.data)).not.toContain(created.body.secret as string);

    expect((await call(REVOKE_KEY, "DELETE", `/api/v1/settings/keys/${prefix}`, undefined, { prefix })).status).toBe(
      200,
    );
    expect((await call(REVOKE_KEY, "DELETE", `/api/v1/settings/keys/${prefix}`, undefined, { prefix })).status).toBe(
      200,
    );
    const revoked = await newEvents();
    expect(revoked).toHaveLength(1);
    expectByAdmin(revoked[0], "x-attest.ingest_key.revoked", { type: "x-ingest-key", id: prefix });
  });

  it("API tokens: created and revoked with prefix, name and scopes only", async () => {
    const created = await call(CREATE_TOKEN, "POST", "/api/v1/settings/tokens", {
      name: "ci",
      scopes: ["rules:write"],
    });
    expect(created.status).toBe(201);
    const token = created.body.token as { prefix: string; token: string };
    const [event, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expectByAdmin(event, "x-attest.api_token.created", { type: "x-api-token", id: token.prefix });
    expect(event?.data.attributes?.scopes).toEqual(["rules:write"]);
    expect(JSON.stringify(event?.data)).not.toContain(token.token);

    const prefix = token.prefix;
    expect(
      (await call(REVOKE_TOKEN, "DELETE", `/api/v1/settings/tokens/${prefix}`, undefined, { prefix })).status,
    ).toBe(200);
    const revoked = await newEvents();
    expect(revoked).toHaveLength(1);
    expectByAdmin(revoked[0], "x-attest.api_token.revoked", { type: "x-api-token", id: prefix });
  });

  it("members: added, role changed (old and new role), removed; an unchanged role records nothing", async () => {
    const email = `new-${Date.now().toString(36)}@audit.attest.test`;
    const added = await call(ADD_MEMBER, "POST", "/api/v1/settings/members", { email, role: "viewer" });
    expect(added.status).toBe(201);
    const userId = (added.body.member as { userId: string }).userId;
    const [addedEvent, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expectByAdmin(addedEvent, "x-attest.member.added", { type: "user", id: email });
    expect(addedEvent?.data.attributes).toMatchObject({ role: "viewer", userId, newAccount: true });
    expect(JSON.stringify(addedEvent?.data)).not.toContain(added.body.password as string);

    const path = `/api/v1/settings/members/${userId}`;
    expect((await call(CHANGE_ROLE, "PATCH", path, { role: "auditor" }, { userId })).status).toBe(200);
    expect((await call(CHANGE_ROLE, "PATCH", path, { role: "auditor" }, { userId })).status).toBe(200);
    const changed = await newEvents();
    expect(changed).toHaveLength(1);
    expectByAdmin(changed[0], "x-attest.member.role_changed", { type: "user", id: email });
    expect(changed[0]?.data.attributes).toMatchObject({ previousRole: "viewer", role: "auditor" });

    expect((await call(REMOVE_MEMBER, "DELETE", path, undefined, { userId })).status).toBe(200);
    const removed = await newEvents();
    expect(removed).toHaveLength(1);
    expectByAdmin(removed[0], "x-attest.member.removed", { type: "user", id: email });
    expect(removed[0]?.data.attributes).toMatchObject({ previousRole: "auditor" });
  });

  it("webhooks: created, rotated and deleted (disabled) once, with the host but never the URL or secret", async () => {
    const url = "https://hooks.example.com/services/T000/B000/very-secret-path";
    const created = await call(CREATE_DESTINATION, "POST", "/api/v1/settings/destinations", {
      name: `hook-${Date.now().toString(36)}`,
      url,
    });
    expect(created.status).toBe(201);
    const id = (created.body.destination as { id: string }).id;
    const [event, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expectByAdmin(event, "x-attest.webhook.created", { type: "x-webhook", id });
    expect(event?.data.attributes).toMatchObject({ host: "hooks.example.com", format: "json" });
    expect(JSON.stringify(event?.data)).not.toContain("very-secret-path");
    expect(JSON.stringify(event?.data)).not.toContain(created.body.secret as string);

    const rotatePath = `/api/v1/settings/destinations/${id}/rotate`;
    expect((await call(ROTATE_DESTINATION, "POST", rotatePath, undefined, { id })).status).toBe(200);
    const rotated = await newEvents();
    expect(rotated).toHaveLength(1);
    expectByAdmin(rotated[0], "x-attest.webhook.rotated", { type: "x-webhook", id });

    const path = `/api/v1/settings/destinations/${id}`;
    expect((await call(DISABLE_DESTINATION, "DELETE", path, undefined, { id })).status).toBe(200);
    expect((await call(DISABLE_DESTINATION, "DELETE", path, undefined, { id })).status).toBe(200);
    const deleted = await newEvents();
    expect(deleted).toHaveLength(1);
    expectByAdmin(deleted[0], "x-attest.webhook.deleted", { type: "x-webhook", id });
  });

  it("PHI patterns: a change is one x-attest.settings.changed with what was added and removed", async () => {
    const put = (patterns: string[]) => call(PUT_PHI, "PUT", "/api/v1/settings/phi-patterns", { patterns });
    expect((await put(["ehr.*", "fhir://patients/*"])).status).toBe(200);
    expect((await put(["ehr.*", "fhir://patients/*"])).status).toBe(200);
    const first = await newEvents();
    expect(first).toHaveLength(1);
    expectByAdmin(first[0], "x-attest.settings.changed", { type: "x-setting", id: "phi_patterns" });
    expect(first[0]?.data.attributes).toMatchObject({ added: ["ehr.*", "fhir://patients/*"], removed: [] });

    expect((await put(["fhir://patients/*", "lab.*"])).status).toBe(200);
    const [second] = await newEvents();
    expect(second?.data.attributes).toMatchObject({ added: ["lab.*"], removed: ["ehr.*"], count: 2 });
  });

  it("refused actions record nothing: a viewer, and an invalid input", async () => {
    signInAs(viewer.id, BROWSER);
    try {
      expect((await call(CREATE_KEY, "POST", "/api/v1/settings/keys", { name: "nope" })).status).toBe(403);
      expect((await call(PUT_PHI, "PUT", "/api/v1/settings/phi-patterns", { patterns: ["x"] })).status).toBe(403);
    } finally {
      signInAs(admin.id, BROWSER);
    }
    expect((await call(PUT_PHI, "PUT", "/api/v1/settings/phi-patterns", { patterns: [""] })).status).toBe(400);
    expect(await newEvents()).toEqual([]);
  });

  it("rule-set changes by a person or a token are recorded with version, source and rule ids; seeds are not", async () => {
    const rule = (id: string, count: number) => ({
      id,
      name: id,
      kind: "threshold",
      severity: "high",
      match: { outcomes: ["denied"] },
      groupBy: "agent",
      count,
      window: "5m",
    });
    const ruleSet = (rules: ReturnType<typeof rule>[]) => ruleSetSchema.parse({ version: 1, rules });
    await applyRuleSet(tenantId, ruleSet([rule("a", 5)]), { actor: "system:demo-seed", source: "api" });
    expect(await newEvents()).toEqual([]);

    await applyRuleSet(tenantId, ruleSet([rule("a", 3), rule("b", 5)]), {
      actor: `user:${admin.email}`,
      source: "ui",
    });
    const [byUser, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expect(byUser).toMatchObject({ type: "x-attest.rules.changed", actor_type: "user", actor_id: admin.email });
    expect(byUser?.data.attributes).toMatchObject({
      version: 2,
      previousVersion: 1,
      source: "ui",
      added: ["b"],
      removed: [],
      changed: ["a"],
    });

    await applyRuleSet(tenantId, ruleSet([rule("b", 5)]), { actor: "token:attest_api_AbCd1234 (ci)", source: "api" });
    await applyRuleSet(tenantId, ruleSet([rule("b", 5)]), { actor: "token:attest_api_AbCd1234 (ci)", source: "api" });
    const byToken = await newEvents();
    expect(byToken).toHaveLength(1);
    expect(byToken[0]).toMatchObject({ actor_type: "service", actor_id: "token:attest_api_AbCd1234" });
    expect(byToken[0]?.data.actor.name).toBe("ci");
    expect(byToken[0]?.data.attributes).toMatchObject({ version: 3, source: "api", removed: ["a"] });
  });
});
