import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { disconnectDb, pool, prisma } from "../db";
import { createTenant } from "../tenants";
import {
  type ApiTokenScope,
  createApiToken,
  findApiToken,
  listApiTokens,
  revokeApiToken,
  verifyApiToken,
} from "./api-tokens";
import { hashKey } from "./ingest-keys";

// Against real Postgres: each test makes its own tenant, so tests never see each other's tokens.

const newTenant = () => createTenant(`tokens-${randomBytes(4).toString("hex")}`);
const input = { name: "ci", scopes: ["rules:write"] as ApiTokenScope[], createdBy: "ops@tokens.attest.test" };

afterAll(() => disconnectDb());

describe("API tokens", () => {
  it("creates a token that verifies to its tenant, name and scopes", async () => {
    const tenant = await newTenant();
    const created = await createApiToken(tenant.id, input);
    expect(created.token).toMatch(/^attest_api_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ name: "ci", scopes: ["rules:write"] });

    expect(await verifyApiToken(created.token)).toEqual({
      tenantId: tenant.id,
      prefix: created.prefix,
      name: "ci",
      scopes: ["rules:write"],
    });
  });

  it("stores only the hash: no column of the row holds the token", async () => {
    const tenant = await newTenant();
    const created = await createApiToken(tenant.id, input);
    const { rows } = await pool().query("SELECT * FROM api_tokens WHERE prefix = $1", [created.prefix]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain(created.token);
    expect(rows[0].token_hash).toBe(hashKey(created.token));
    expect(rows[0].created_by).toBe(input.createdBy);

    const listed = await listApiTokens(tenant.id);
    expect(listed).toEqual([
      {
        prefix: created.prefix,
        name: "ci",
        scopes: ["rules:write"],
        createdBy: input.createdBy,
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(hashKey(created.token));
  });

  it("touches last_used_at on use, at most once a minute", async () => {
    const tenant = await newTenant();
    const created = await createApiToken(tenant.id, input);
    await verifyApiToken(created.token);
    const first = (await findApiToken(tenant.id, created.prefix))?.lastUsedAt;
    expect(first).not.toBeNull();
    await verifyApiToken(created.token);
    expect((await findApiToken(tenant.id, created.prefix))?.lastUsedAt).toBe(first);

    await prisma.apiToken.update({
      where: { prefix: created.prefix },
      data: { lastUsedAt: new Date(Date.now() - 120_000) },
    });
    await verifyApiToken(created.token);
    const touched = (await findApiToken(tenant.id, created.prefix))?.lastUsedAt as string;
    expect(Date.parse(touched)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("a revoked token no longer verifies, and revoking twice answers false", async () => {
    const tenant = await newTenant();
    const created = await createApiToken(tenant.id, input);
    expect(await revokeApiToken(created.prefix, tenant.id)).toBe(true);
    expect(await verifyApiToken(created.token)).toBeNull();
    expect(await revokeApiToken(created.prefix, tenant.id)).toBe(false);
    expect((await findApiToken(tenant.id, created.prefix))?.revokedAt).not.toBeNull();
  });

  it("another tenant can neither revoke nor see a token by its prefix", async () => {
    const [owner, other] = [await newTenant(), await newTenant()];
    const created = await createApiToken(owner.id, input);
    expect(await revokeApiToken(created.prefix, other.id)).toBe(false);
    expect(await findApiToken(other.id, created.prefix)).toBeNull();
    expect(await listApiTokens(other.id)).toEqual([]);
    expect(await verifyApiToken(created.token)).not.toBeNull();
  });

  it("malformed, unknown and ingest-key-shaped tokens verify to null", async () => {
    const tenant = await newTenant();
    const created = await createApiToken(tenant.id, input);
    const unknown = `${created.prefix}_${"A".repeat(43)}`;
    for (const token of ["", "attest_api_", created.prefix, `${created.token}x`, ` ${created.token}`, unknown]) {
      expect(await verifyApiToken(token), token).toBeNull();
    }
    expect(await verifyApiToken(created.token.replace("attest_api_", "attest_"))).toBeNull();
    expect(await verifyApiToken(null as unknown as string)).toBeNull();
  });

  it("refuses a token without scopes or with an unknown scope", async () => {
    const tenant = await newTenant();
    for (const scopes of [[], ["rules:read"]] as unknown as ApiTokenScope[][]) {
      const error = await createApiToken(tenant.id, { ...input, scopes }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
    }
    expect(await listApiTokens(tenant.id)).toEqual([]);
  });
});
