import { createHash, randomBytes } from "node:crypto";
import { pool, prisma } from "../db";

// Ingest keys look like `attest_<8 chars>_<43 chars>`. The first part is the prefix people
// see in lists; the hash of the whole key is all that is stored.
const KEY_PREFIX = "attest_";

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * A new secret `<base><8 chars>_<43 chars>` (256 random bits after the prefix) and its prefix,
 * the part lists show. Ingest keys and API tokens share it, so both hash and look up alike.
 */
export function generateSecret(base: string): { prefix: string; secret: string } {
  const prefix = `${base}${randomToken(6).replace(/[-_]/g, "x")}`;
  return { prefix, secret: `${prefix}_${randomToken(32)}` };
}

export type CreatedIngestKey = { id: string; prefix: string; name: string; key: string };

export async function createIngestKey(tenantId: string, name = "default"): Promise<CreatedIngestKey> {
  for (let attempt = 0; ; attempt++) {
    const { prefix, secret: key } = generateSecret(KEY_PREFIX);
    try {
      const row = await prisma.ingestKey.create({
        data: { tenantId, name, prefix, keyHash: hashKey(key) },
      });
      return { id: row.id, prefix, name, key };
    } catch (error) {
      // A prefix collision (48 random bits) is astronomically rare; try once more.
      if (attempt < 2 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

/** Revokes a key by its prefix. Returns false when no live key of that tenant has it. */
export async function revokeIngestKey(prefix: string, tenantId?: string): Promise<boolean> {
  const result = await prisma.ingestKey.updateMany({
    where: { prefix, revokedAt: null, ...(tenantId ? { tenantId } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

/** What lists show of a key: never the key or its hash. Dates are ISO strings, ready for JSON. */
export type IngestKeyView = {
  prefix: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const keyViewSelect = { prefix: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toKeyView(row: {
  prefix: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    prefix: row.prefix,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  } satisfies IngestKeyView;
}

/** A tenant's keys, newest first, live and revoked. */
export async function listIngestKeys(tenantId: string): Promise<IngestKeyView[]> {
  const rows = await prisma.ingestKey.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    select: keyViewSelect,
  });
  return rows.map(toKeyView);
}

/** One key of this tenant by prefix, or null (also for another tenant's key). */
export async function findIngestKey(tenantId: string, prefix: string): Promise<IngestKeyView | null> {
  const row = await prisma.ingestKey.findFirst({ where: { tenantId, prefix }, select: keyViewSelect });
  return row ? toKeyView(row) : null;
}

export type IngestPrincipal = { tenantId: string; keyId: string };

/**
 * Resolves a presented bearer token to its tenant, or null for a missing, unknown or
 * revoked key. It touches last_used_at at most once a minute, so the hot path stays one read.
 */
export async function authenticateIngestKey(token: string | null | undefined): Promise<IngestPrincipal | null> {
  if (!token?.startsWith(KEY_PREFIX) || token.length > 128) return null;
  const { rows } = await pool().query<{ id: string; tenant_id: string; stale: boolean }>(
    `SELECT id, tenant_id, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM ingest_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hashKey(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await pool().query("UPDATE ingest_keys SET last_used_at = now() WHERE id = $1", [row.id]);
  return { tenantId: row.tenant_id, keyId: row.id };
}
