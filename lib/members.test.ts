import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "./api/errors";
import { verifyPassword } from "./auth/passwords";
import { disconnectDb, prisma } from "./db";
import { addMember, changeMemberRole, getMember, listMembers, removeMember } from "./members";
import { createTenant } from "./tenants";
import { findUserByEmail } from "./users";

// Against real Postgres: each test makes its own tenants and emails, so tests never collide.

const unique = () => randomBytes(4).toString("hex");
const newTenant = () => createTenant(`members-${unique()}`);
const email = (label: string) => `${label}-${unique()}@members.attest.test`;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterAll(() => disconnectDb());

describe("members", () => {
  it("adds a new person with a one-time password that verifies, and lists them", async () => {
    const tenant = await newTenant();
    const address = email("New.Person").toUpperCase();
    const added = await addMember(tenant.id, { email: address, role: "analyst", name: "New Person" });
    expect(added.created).toBe(true);
    expect(added.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(added.member).toMatchObject({ email: address.toLowerCase(), role: "analyst", hasPassword: true });
    const stored = await findUserByEmail(address);
    expect(await verifyPassword(stored?.passwordHash, added.password as string)).toBe(true);

    const members = await listMembers(tenant.id);
    expect(members.map((m) => m.email)).toEqual([address.toLowerCase()]);
    expect(members[0]?.lastSignInAt).toBeNull();
  });

  it("adds an existing account without touching its password, and refuses a duplicate", async () => {
    const [first, second] = [await newTenant(), await newTenant()];
    const address = email("shared");
    const original = await addMember(first.id, { email: address, role: "admin" });
    const again = await addMember(second.id, { email: address, role: "viewer" });
    expect(again).toMatchObject({ created: false, password: null });
    expect(again.member.role).toBe("viewer");
    const stored = await findUserByEmail(address);
    expect(await verifyPassword(stored?.passwordHash, original.password as string)).toBe(true);

    const duplicate = await rejection(addMember(second.id, { email: address, role: "admin" }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.code).toBe("already_member");
  });

  it("creates an OIDC-only account without a password when asked", async () => {
    const tenant = await newTenant();
    const added = await addMember(tenant.id, { email: email("sso"), role: "auditor", oidcOnly: true });
    expect(added.password).toBeNull();
    expect(added.member.hasPassword).toBe(false);
  });

  it("changes roles, but never demotes or removes the last admin", async () => {
    const tenant = await newTenant();
    const alice = (await addMember(tenant.id, { email: email("alice"), role: "admin" })).member;
    const bob = (await addMember(tenant.id, { email: email("bob"), role: "viewer" })).member;

    const demote = await rejection(changeMemberRole(tenant.id, alice.userId, "analyst"));
    expect(demote.status).toBe(409);
    expect(demote.code).toBe("last_admin");
    const remove = await rejection(removeMember(tenant.id, alice.userId));
    expect(remove.status).toBe(409);
    expect((await getMember(tenant.id, alice.userId))?.role).toBe("admin");

    // Keeping an admin an admin is fine, even the last one.
    expect((await changeMemberRole(tenant.id, alice.userId, "admin")).role).toBe("admin");

    expect((await changeMemberRole(tenant.id, bob.userId, "admin")).role).toBe("admin");
    expect((await changeMemberRole(tenant.id, alice.userId, "auditor")).role).toBe("auditor");
    await removeMember(tenant.id, alice.userId);
    expect((await listMembers(tenant.id)).map((m) => m.userId)).toEqual([bob.userId]);
    // The account itself stays.
    expect(await prisma.user.findUnique({ where: { id: alice.userId } })).not.toBeNull();
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const tenant = await newTenant();
    const a = (await addMember(tenant.id, { email: email("a"), role: "admin" })).member;
    const b = (await addMember(tenant.id, { email: email("b"), role: "admin" })).member;
    const results = await Promise.allSettled([
      changeMemberRole(tenant.id, a.userId, "viewer"),
      removeMember(tenant.id, b.userId),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = (await listMembers(tenant.id)).filter((m) => m.role === "admin");
    expect(admins).toHaveLength(1);
  });

  it("never reads or changes another tenant's members", async () => {
    const [home, rival] = [await newTenant(), await newTenant()];
    await addMember(home.id, { email: email("home-admin"), role: "admin" });
    const outsider = (await addMember(rival.id, { email: email("rival-admin"), role: "admin" })).member;
    const rivalViewer = (await addMember(rival.id, { email: email("rival-viewer"), role: "viewer" })).member;

    expect((await listMembers(home.id)).map((m) => m.userId)).not.toContain(outsider.userId);
    expect(await getMember(home.id, outsider.userId)).toBeNull();
    expect((await rejection(changeMemberRole(home.id, rivalViewer.userId, "admin"))).status).toBe(404);
    expect((await rejection(removeMember(home.id, rivalViewer.userId))).status).toBe(404);
    expect((await rejection(removeMember(home.id, "not-a-uuid"))).status).toBe(404);
    expect((await getMember(rival.id, rivalViewer.userId))?.role).toBe("viewer");
  });
});
