import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../../lib/db";
import { authenticateIngestKey } from "../../lib/keys/ingest-keys";
import { findTenantBySlug } from "../../lib/tenants";
import { attest } from "./run-attest";

// Runs the real CLI as a child process against the test database, the way operators and
// scripts use it: exit codes, stdout shape, and whether created keys really authenticate.

const slug = `cli-${randomBytes(4).toString("hex")}`;

afterAll(() => disconnectDb());

describe("attest CLI", () => {
  it("creates a tenant, and refuses a duplicate or a bad slug", async () => {
    const created = await attest("tenants", "create", slug, "--name", "CLI Test");
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(slug);
    expect((await findTenantBySlug(slug))?.name).toBe("CLI Test");

    const duplicate = await attest("tenants", "create", slug);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already exists");

    const bad = await attest("tenants", "create", "Not A Slug");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid tenant slug");

    const list = await attest("tenants", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(slug);
  });

  it("creates a key that authenticates, lists it without the secret, and revokes it", async () => {
    const tenant = await findTenantBySlug(slug);
    expect(tenant).not.toBeNull();

    const created = await attest("keys", "create", "--tenant", slug, "--name", "ci");
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trimEnd().split("\n").at(-1) as string;
    expect(key).toMatch(/^attest_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect((await authenticateIngestKey(key))?.tenantId).toBe(tenant?.id);

    const prefix = key.split("_").slice(0, 2).join("_");
    const list = await attest("keys", "list", "--tenant", slug);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(prefix);
    expect(list.stdout).toContain("ci");
    expect(list.stdout).not.toContain(key);

    const revoked = await attest("keys", "revoke", prefix);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await authenticateIngestKey(key)).toBeNull();

    const again = await attest("keys", "revoke", prefix);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already revoked");
  });

  it("exits non-zero with a clear message on bad input", async () => {
    const cases: [string[], number, string][] = [
      [["keys", "create", "--tenant", "no-such-tenant-xyz"], 1, 'unknown tenant "no-such-tenant-xyz"'],
      [["keys", "revoke", "attest_nosuchpx"], 1, "no ingest key has prefix"],
      [["keys", "create"], 2, "missing --tenant"],
      [["keys", "revoke"], 2, "missing <prefix>"],
      [["tenants", "frobnicate"], 2, "unknown command"],
      [["keys", "list", "--tenant", slug, "--bogus"], 2, "--bogus"],
    ];
    const results = await Promise.all(cases.map(([args]) => attest(...args)));
    results.forEach((result, i) => {
      const [args, code, message] = cases[i] as [string[], number, string];
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr).toContain(message);
    });
    const help = await attest("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("keys create --tenant <slug>");
  });
});
