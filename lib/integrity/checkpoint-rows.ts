import { pool } from "../db";
import type { SignedCheckpoint } from "./statement";

// Reading signed checkpoints (integrity_checkpoints is append-only: a trigger refuses updates
// and deletes). Kept apart from signing so the verifier can read them without the signer.

type CheckpointRow = {
  tenant_id: string;
  seq: string;
  chain_head: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
};

const COLUMNS = "tenant_id, seq, chain_head, signed_at, key_id, signature";

export function toSignedCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    tenantId: row.tenant_id,
    seq: row.seq,
    chainHead: row.chain_head.toString("hex"),
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature.toString("base64"),
  };
}

export async function latestCheckpoint(tenantId: string): Promise<SignedCheckpoint | null> {
  const { rows } = await pool().query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM integrity_checkpoints WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
    [tenantId],
  );
  return rows[0] ? toSignedCheckpoint(rows[0]) : null;
}

/** Checkpoints with fromSeq <= seq <= toSeq, plus the first one at or after toSeq, in seq order. */
export async function checkpointsCovering(
  tenantId: string,
  fromSeq: bigint,
  toSeq: bigint,
): Promise<SignedCheckpoint[]> {
  const { rows } = await pool().query<CheckpointRow>(
    `(SELECT ${COLUMNS} FROM integrity_checkpoints WHERE tenant_id = $1 AND seq >= $2::bigint AND seq <= $3::bigint)
     UNION
     (SELECT ${COLUMNS} FROM integrity_checkpoints WHERE tenant_id = $1 AND seq >= $3::bigint ORDER BY seq LIMIT 1)
     ORDER BY seq`,
    [tenantId, fromSeq.toString(), toSeq.toString()],
  );
  return rows.map(toSignedCheckpoint);
}

/** The checkpoint at exactly this seq, if one was signed there. */
export async function checkpointAt(tenantId: string, seq: bigint): Promise<SignedCheckpoint | null> {
  const { rows } = await pool().query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM integrity_checkpoints WHERE tenant_id = $1 AND seq = $2::bigint`,
    [tenantId, seq.toString()],
  );
  return rows[0] ? toSignedCheckpoint(rows[0]) : null;
}

/** The most recent checkpoints, newest first (the integrity page and API). */
export async function recentCheckpoints(tenantId: string, limit = 20): Promise<SignedCheckpoint[]> {
  const { rows } = await pool().query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM integrity_checkpoints WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map(toSignedCheckpoint);
}
