import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/passwords";
import { disconnectDb } from "../db";
import { listMembers } from "../members";
import { createTenant } from "../tenants";
import { findUserByEmail, setPassword } from "../users";
import { ensureDemoAdmin, ensureDevSecret } from "./demo-admin";

const dir = mkdtempSync(path.join(tmpdir(), "attest-demo-admin-"));
const mode = (file: string) => statSync(file).mode & 0o777;

afterAll(() => disconnectDb());

describe("demo admin", () => {
  it("creates an admin with a generated password once, saves it 0600, and prints it again later", async () => {
    const tenant = await createTenant(`demo-${randomBytes(4).toString("hex")}`);
    const email = `admin-${tenant.slug}@demo.attest.test`;
    const credentialsFile = path.join(dir, `${tenant.slug}.json`);

    const first = await ensureDemoAdmin({ credentialsFile, tenantSlug: tenant.slug, email });
    if (first.status !== "created") throw new Error(`expected created, got ${first.status}`);
    expect(mode(credentialsFile)).toBe(0o600);
    expect(JSON.parse(readFileSync(credentialsFile, "utf8"))).toEqual({ email, password: first.password });
    const user = await findUserByEmail(email);
    expect(await verifyPassword(user?.passwordHash, first.password)).toBe(true);
    expect((await listMembers(tenant.id)).map((m) => [m.email, m.role])).toEqual([[email, "admin"]]);

    const again = await ensureDemoAdmin({ credentialsFile, tenantSlug: tenant.slug, email });
    expect(again).toEqual({ status: "stored", email, password: first.password });

    // A password changed since (users reset-password) is not printed as if it still worked.
    await setPassword(user?.id as string, "a-different-password-123");
    expect(await ensureDemoAdmin({ credentialsFile, tenantSlug: tenant.slug, email })).toEqual({
      status: "unknown",
      email,
    });
  });

  it("generates the dev secret once and keeps it private", () => {
    const file = path.join(dir, "nextauth-secret");
    const secret = ensureDevSecret(file);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(ensureDevSecret(file)).toBe(secret);
    expect(mode(file)).toBe(0o600);
  });
});
