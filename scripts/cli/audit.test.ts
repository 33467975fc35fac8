import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../lib/audit/testing";
import { disconnectDb } from "../../lib/db";
import { createTenant } from "../../lib/tenants";
import { attestWithEnv, type Run } from "./run-attest";

// CLI actions are audited too: the real `attest` as a child process records x-attest.* events
// with the service actor attest-cli and the OS user who ran it.

const lastLine = (run: Run) => run.stdout.trimEnd().split("\n").at(-1) as string;
const env = { ...process.env, USER: "ops-person", SUDO_USER: "" };
const attest = (...args: string[]) => attestWithEnv(env, ...args);

afterAll(() => disconnectDb());

describe("attest CLI self-audit", () => {
  it("records key and member changes as attest-cli with the OS user", { timeout: 300_000 }, async () => {
    const tenant = await createTenant(`cli-audit-${randomBytes(4).toString("hex")}`);
    const key = await attest("keys", "create", "--tenant", tenant.slug, "--name", "gw");
    expect(key.code, key.stderr).toBe(0);
    const prefix = lastLine(key).split("_").slice(0, 2).join("_");
    const revoke = await attest("keys", "revoke", prefix);
    expect(revoke.code, revoke.stderr).toBe(0);
    const email = `cli-${randomBytes(3).toString("hex")}@audit.attest.test`;
    const user = await attest("users", "create", "--tenant", tenant.slug, "--email", email, "--role", "viewer");
    expect(user.code, user.stderr).toBe(0);
    const again = await attest("users", "create", "--tenant", tenant.slug, "--email", email, "--role", "auditor");
    expect(again.code, again.stderr).toBe(0);

    const events = await auditEvents(tenant.id);
    expect(events.map((e) => [e.type, e.target_id])).toEqual([
      ["x-attest.ingest_key.created", prefix],
      ["x-attest.ingest_key.revoked", prefix],
      ["x-attest.member.added", email],
      ["x-attest.member.role_changed", email],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actor_type: "service", actor_id: "attest-cli" });
      expect(event.data.attributes?.osUser).toBe("ops-person");
    }
    expect(events[3]?.data.attributes).toMatchObject({ previousRole: "viewer", role: "auditor" });
    expect(JSON.stringify(events)).not.toContain(lastLine(key));
  });
});
