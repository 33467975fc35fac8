import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../lib/auth/passwords";
import { disconnectDb } from "../../lib/db";
import { getMember } from "../../lib/members";
import { createTenant } from "../../lib/tenants";
import { findUserByEmail } from "../../lib/users";
import { attest, type Run } from "./run-attest";

// `attest users …` as a child process, the way operators run it: the last stdout line is the
// generated password, and it must verify against the stored hash.

const lastLine = (run: Run) => run.stdout.trimEnd().split("\n").at(-1) as string;
const unique = randomBytes(4).toString("hex");

afterAll(() => disconnectDb());

describe("attest users", () => {
  it("creates an admin whose printed password verifies, then resets it", { timeout: 180_000 }, async () => {
    const tenant = await createTenant(`cli-users-${unique}`);
    const email = `ops-${unique}@cli.attest.test`;
    const created = await attest("users", "create", "--tenant", tenant.slug, "--email", email, "--role", "admin");
    expect(created.code, created.stderr).toBe(0);
    const password = lastLine(created);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const user = await findUserByEmail(email);
    expect(await verifyPassword(user?.passwordHash, password)).toBe(true);
    expect((await getMember(tenant.id, user?.id as string))?.role).toBe("admin");

    const reset = await attest("users", "reset-password", "--email", email);
    expect(reset.code, reset.stderr).toBe(0);
    const fresh = lastLine(reset);
    expect(fresh).not.toBe(password);
    const updated = await findUserByEmail(email);
    expect(await verifyPassword(updated?.passwordHash, fresh)).toBe(true);
    expect(await verifyPassword(updated?.passwordHash, password)).toBe(false);
  });

  it("adds an existing user to another tenant without printing a password", async () => {
    const tenant = await createTenant(`cli-users2-${unique}`);
    const email = `ops-${unique}@cli.attest.test`;
    const added = await attest("users", "create", "--tenant", tenant.slug, "--email", email, "--role", "viewer");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Added existing user");
    expect(lastLine(added)).not.toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it("refuses a bad role, a bad email and an unknown tenant", { timeout: 300_000 }, async () => {
    const { slug } = await createTenant(`cli-users3-${unique}`);
    const cases: [string[], number, string][] = [
      [["users", "create", "--tenant", slug, "--email", "x@y.test", "--role", "owner"], 2, "invalid --role"],
      [["users", "create", "--tenant", slug, "--email", "not-an-email", "--role", "admin"], 2, "invalid --email"],
      [
        ["users", "create", "--tenant", "no-such-tenant-q", "--email", "x@y.test", "--role", "admin"],
        1,
        "unknown tenant",
      ],
      [["users", "reset-password", "--email", `nobody-${unique}@cli.attest.test`], 1, "no user with that email"],
    ];
    // One at a time: each child loads tsx and argon2, and a busy CI machine is slow enough already.
    for (const [args, code, message] of cases) {
      const result = await attest(...args);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr).toContain(message);
    }
  });
});
