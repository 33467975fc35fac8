import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "../auth/options";
import { MAX_FAILURES_PER_EMAIL } from "../auth/throttle";
import { disconnectDb, pool } from "../db";
import { setMembership } from "../users";
import { recordAfterAction } from "./after-action";
import { auditEvents, tenantWithPeople, unique } from "./testing";

// Sign-in through next-auth's real credentials authorize(): success is recorded in every tenant
// of the account (and refused when it cannot be recorded), failures too, lock-outs included;
// an unknown email goes into no tenant.

const failing = vi.hoisted(() => ({ on: false }));
vi.mock("./record", async (importOriginal) => {
  const original = await importOriginal<typeof import("./record")>();
  return {
    ...original,
    recordSelfAudit: async (...args: Parameters<typeof original.recordSelfAudit>) => {
      if (failing.on) throw new Error("storage is down");
      return original.recordSelfAudit(...args);
    },
  };
});

type Authorize = (
  credentials: Record<string, string>,
  request: { headers: Record<string, string> },
) => Promise<{ id: string } | null>;
const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
const BROWSER = { "user-agent": "vitest-browser/2.0", "x-forwarded-for": "198.51.100.4" };
const signIn = (email: string, password: string, headers = BROWSER) =>
  provider.options.authorize({ email, password }, { headers });

let home: Awaited<ReturnType<typeof tenantWithPeople>>;
let second: Awaited<ReturnType<typeof tenantWithPeople>>;

beforeAll(async () => {
  home = await tenantWithPeople("sign-in", ["admin", "viewer"]);
  second = await tenantWithPeople("sign-in-second", ["admin"]);
  // The home viewer is also an analyst of the second tenant.
  await setMembership(second.tenant.id, home.people.viewer.id, "analyst");
});

afterAll(() => disconnectDb());

async function passwordOf(role: "admin" | "viewer") {
  return home.passwords[role] as string;
}

describe("sign-in self-audit", () => {
  it("a sign-in is one x-attest.auth.signed_in in each tenant of the account, with address and browser", async () => {
    const viewer = home.people.viewer;
    expect(await signIn(viewer.email, await passwordOf("viewer"))).toMatchObject({ id: viewer.id });
    for (const [tenant, role] of [
      [home.tenant.id, "viewer"],
      [second.tenant.id, "analyst"],
    ] as const) {
      const events = await auditEvents(tenant, "x-attest.auth.signed_in");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_type: "user", actor_id: viewer.email, outcome: "success" });
      expect(events[0]?.data.attributes).toMatchObject({
        method: "password",
        role,
        clientIp: "198.51.100.4",
        userAgent: "vitest-browser/2.0",
      });
      expect(events[0]?.chain_hash).toBeInstanceOf(Buffer);
    }
  });

  it("a wrong password is one x-attest.auth.sign_in_failed per tenant, and no signed_in", async () => {
    const admin = second.people.admin;
    expect(await signIn(admin.email, "not-the-password")).toBeNull();
    const failed = await auditEvents(second.tenant.id, "x-attest.auth.sign_in_failed");
    expect(failed.filter((e) => e.actor_id === admin.email)).toHaveLength(1);
    expect(failed[0]).toMatchObject({ outcome: "failure", target_id: admin.email });
    expect(failed[0]?.data.reason).toBe("wrong_password");
    expect(failed[0]?.data.attributes).toMatchObject({ authenticated: false, clientIp: "198.51.100.4" });
    const signedIn = await auditEvents(second.tenant.id, "x-attest.auth.signed_in");
    expect(signedIn.filter((e) => e.actor_id === admin.email)).toEqual([]);
  });

  it("attempts while locked out are recorded as locked_out, even with the right password", async () => {
    const admin = home.people.admin;
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect(await signIn(admin.email, `wrong-${i}`)).toBeNull();
    await expect(signIn(admin.email, await passwordOf("admin"))).rejects.toThrow(/Too many failed attempts/);
    const failed = (await auditEvents(home.tenant.id, "x-attest.auth.sign_in_failed")).filter(
      (e) => e.target_id === admin.email,
    );
    expect(failed.map((e) => e.data.reason)).toEqual([
      ...Array(MAX_FAILURES_PER_EMAIL).fill("wrong_password"),
      "locked_out",
    ]);
    expect(failed.at(-1)?.data.attributes?.lockedForSeconds).toBeGreaterThan(0);
    await pool().query("DELETE FROM sign_in_throttle WHERE key = $1", [`email:${admin.email}`]);
  });

  it("an unknown email is recorded in no tenant", async () => {
    const before = (await auditEvents(home.tenant.id)).length;
    expect(
      await signIn(`nobody-${unique()}@audit.attest.test`, "whatever", { ...BROWSER, "x-forwarded-for": "192.0.2.99" }),
    ).toBeNull();
    expect(await auditEvents(home.tenant.id)).toHaveLength(before);
    const { rows } = await pool().query(
      "SELECT 1 FROM events WHERE type LIKE 'x-attest.auth.%' AND data->'attributes'->>'clientIp' = '192.0.2.99'",
    );
    expect(rows).toEqual([]);
  });

  it("other actions are not undone when their event cannot be stored: recordAfterAction logs and returns null", async () => {
    failing.on = true;
    try {
      const stored = await recordAfterAction(home.tenant.id, {
        type: "x-attest.ingest_key.created",
        actor: { type: "user", id: home.people.admin.email },
      });
      expect(stored).toBeNull();
    } finally {
      failing.on = false;
    }
    expect(await auditEvents(home.tenant.id, "x-attest.ingest_key.created")).toEqual([]);
  });

  it("fails closed: when the sign-in cannot be recorded, it is refused", async () => {
    const viewer = home.people.viewer;
    failing.on = true;
    try {
      await expect(signIn(viewer.email, await passwordOf("viewer"))).rejects.toThrow(/unavailable/);
    } finally {
      failing.on = false;
    }
    expect(await signIn(viewer.email, await passwordOf("viewer"))).toMatchObject({ id: viewer.id });
  });
});
