import { badRequest } from "../api/errors";
import { pool, prisma } from "../db";
import { generateSecret, hashKey } from "./ingest-keys";

// API tokens authenticate machines (CI/CD) to the management API, e.g. PUT /api/v1/alert-rules.
// They look like `attest_api_<8 chars>_<43 chars>`: the first part is the prefix people see in
// lists, the SHA-256 of the whole token is all that is stored. An admin creates them in settings.
const TOKEN_PREFIX = "attest_api_";
const TOKEN_FORMAT = /^attest_api_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

export const API_TOKEN_SCOPES = ["rules:write", "integrity:verify"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export function isApiTokenScope(value: unknown): value is ApiTokenScope {
  return typeof value === "string" && (API_TOKEN_SCOPES as readonly string[]).includes(value);
}

export type CreatedApiToken = { prefix: string; name: string; scopes: ApiTokenScope[]; token: string };

/** Creates a token; the token itself is in the result once and never stored. */
export async function createApiToken(
  tenantId: string,
  input: { name: string; scopes: readonly ApiTokenScope[]; createdBy: string },
): Promise<CreatedApiToken> {
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || !scopes.every(isApiTokenScope)) {
    throw badRequest("invalid_scopes", `scopes must name at least one of: ${API_TOKEN_SCOPES.join(", ")}.`);
  }
  for (let attempt = 0; ; attempt++) {
    const { prefix, secret: token } = generateSecret(TOKEN_PREFIX);
    try {
      await prisma.apiToken.create({
        data: { tenantId, name: input.name, prefix, tokenHash: hashKey(token), scopes, createdBy: input.createdBy },
      });
      return { prefix, name: input.name, scopes, token };
    } catch (error) {
      // A prefix collision (48 random bits) is astronomically rare; try once more.
      if (attempt < 2 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

/** Revokes a token of this tenant by its prefix. False when the tenant has no live token with it. */
export async function revokeApiToken(prefix: string, tenantId: string): Promise<boolean> {
  const result = await prisma.apiToken.updateMany({
    where: { prefix, tenantId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

/** What lists show of a token: never the token or its hash. Dates are ISO strings, ready for JSON. */
export type ApiTokenView = {
  prefix: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const tokenViewSelect = {
  prefix: true,
  name: true,
  scopes: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function toTokenView(row: {
  prefix: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenView {
  return {
    prefix: row.prefix,
    name: row.name,
    scopes: row.scopes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** A tenant's tokens, newest first, live and revoked. */
export async function listApiTokens(tenantId: string): Promise<ApiTokenView[]> {
  const rows = await prisma.apiToken.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    select: tokenViewSelect,
  });
  return rows.map(toTokenView);
}

/** One token of this tenant by prefix, or null (also for another tenant's token). */
export async function findApiToken(tenantId: string, prefix: string): Promise<ApiTokenView | null> {
  const row = await prisma.apiToken.findFirst({ where: { tenantId, prefix }, select: tokenViewSelect });
  return row ? toTokenView(row) : null;
}

export type ApiTokenPrincipal = { tenantId: string; prefix: string; name: string; scopes: string[] };

/**
 * Resolves a presented token to its tenant and scopes, or null for a malformed, unknown or
 * revoked one. Like ingest keys, it touches last_used_at at most once a minute.
 */
export async function verifyApiToken(token: string): Promise<ApiTokenPrincipal | null> {
  if (typeof token !== "string" || !TOKEN_FORMAT.test(token)) return null;
  const { rows } = await pool().query<{
    id: string;
    tenant_id: string;
    prefix: string;
    name: string;
    scopes: string[];
    stale: boolean;
  }>(
    `SELECT id, tenant_id, prefix, name, scopes,
            (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashKey(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await pool().query("UPDATE api_tokens SET last_used_at = now() WHERE id = $1", [row.id]);
  return { tenantId: row.tenant_id, prefix: row.prefix, name: row.name, scopes: row.scopes };
}
