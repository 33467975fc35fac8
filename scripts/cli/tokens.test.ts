import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../../lib/db";
import { findApiToken, verifyApiToken } from "../../lib/keys/api-tokens";
import { createTenant } from "../../lib/tenants";
import { attest, type Run } from "./run-attest";

// `attest tokens …` as a child process, the way operators run it: the last stdout line is the
// token, and it must verify until it is revoked.

const lastLine = (run: Run) => run.stdout.trimEnd().split("\n").at(-1) as string;

afterAll(() => disconnectDb());

describe("attest tokens", () => {
  it("creates a token that verifies, lists it without the secret, and revokes it", { timeout: 180_000 }, async () => {
    const tenant = await createTenant(`cli-tokens-${randomBytes(4).toString("hex")}`);
    const created = await attest(
      "tokens",
      "create",
      "--tenant",
      tenant.slug,
      "--name",
      "ci",
      "--created-by",
      "ops@example.com",
    );
    expect(created.code, created.stderr).toBe(0);
    const token = lastLine(created);
    expect(token).toMatch(/^attest_api_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const principal = await verifyApiToken(token);
    expect(principal).toMatchObject({ tenantId: tenant.id, name: "ci", scopes: ["rules:write"] });
    const prefix = principal?.prefix as string;
    expect((await findApiToken(tenant.id, prefix))?.createdBy).toBe("ops@example.com");

    const list = await attest("tokens", "list", "--tenant", tenant.slug);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(prefix);
    expect(list.stdout).toContain("ops@example.com");
    expect(list.stdout).not.toContain(token);

    const revoked = await attest("tokens", "revoke", prefix);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await verifyApiToken(token)).toBeNull();
    const again = await attest("tokens", "revoke", prefix);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already revoked");
  });

  it("exits non-zero with a clear message on bad input", { timeout: 180_000 }, async () => {
    const cases: [string[], number, string][] = [
      [["tokens", "create", "--tenant", "demo-nope-xyz", "--name", "ci", "--created-by", "a@b.c"], 1, "unknown tenant"],
      [["tokens", "create", "--tenant", "x", "--name", "ci"], 2, "missing --created-by"],
      [
        ["tokens", "create", "--tenant", "x", "--name", "ci", "--created-by", "a@b.c", "--scopes", "rules:read"],
        2,
        "unknown scope",
      ],
      [["tokens", "revoke", "attest_api_nosuchpx"], 1, "no API token has prefix"],
      [["tokens", "revoke"], 2, "missing <prefix>"],
    ];
    const results = await Promise.all(cases.map(([args]) => attest(...args)));
    results.forEach((result, i) => {
      const [args, code, message] = cases[i] as [string[], number, string];
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr).toContain(message);
    });
  });
});
