import { pool, prisma } from "../db";
import { log } from "../log";
import { checkpointAt, latestCheckpoint } from "./checkpoint-rows";
import { activeSigningKey, signBytes } from "./keys";
import { checkpointStatement, type SignedCheckpoint } from "./statement";
import { storedEventAt } from "./stored-rows";
import { finishVerification, startVerification } from "./verifications";
import { verifyTenantChain } from "./verify";

// Signed checkpoints: every so often the tenant's head (event_seq, chain_head) is signed with
// the Ed25519 key, so a later rewrite of the events and all their hashes still disagrees with
// a signature nobody without the key can make. Before signing, the segment since the last
// checkpoint is verified (links and leaves): a broken segment is never signed, a failed
// verification is recorded instead.

export { checkpointsCovering, latestCheckpoint } from "./checkpoint-rows";

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;
const CHECKPOINT_REQUESTER = "checkpoint";

/** Records a failed segment check once per head, not on every tick of the loop. */
async function recordRefusal(tenantId: string, result: Awaited<ReturnType<typeof verifyTenantChain>>): Promise<void> {
  const previous = await prisma.integrityVerification.findFirst({
    where: { tenantId, requestedBy: CHECKPOINT_REQUESTER },
    orderBy: { startedAt: "desc" },
  });
  if (previous?.status === "failed" && previous.toSeq === BigInt(result.toSeq)) return;
  const id = await startVerification(tenantId, CHECKPOINT_REQUESTER, {
    fromSeq: BigInt(result.fromSeq),
    toSeq: BigInt(result.toSeq),
  });
  await finishVerification(id, result);
  log.error(
    { tenantId, findings: result.findings.length },
    "checkpoint refused: the chain since the last checkpoint is broken",
  );
}

/**
 * Signs the tenant's current head unless it is signed already, and returns the newest checkpoint
 * (null when the tenant has no chained event yet). If the events since the last checkpoint do
 * not verify, nothing is signed and the last good checkpoint is returned.
 */
export async function checkpointNow(tenantId: string): Promise<SignedCheckpoint | null> {
  const { rows } = await pool().query<{ event_seq: string; chain_head: Buffer | null }>(
    "SELECT event_seq::text AS event_seq, chain_head FROM tenants WHERE id = $1",
    [tenantId],
  );
  const head = rows[0];
  if (!head) throw new Error(`tenant ${tenantId} does not exist`);
  const latest = await latestCheckpoint(tenantId);
  const headSeq = BigInt(head.event_seq);
  if (!head.chain_head || headSeq === 0n || (latest && BigInt(latest.seq) >= headSeq)) return latest;

  const fromSeq = latest ? BigInt(latest.seq) + 1n : 1n;
  const segment = await verifyTenantChain(tenantId, { fromSeq, toSeq: headSeq });
  const headRow = await storedEventAt(tenantId, headSeq);
  if (segment.status !== "ok" || !headRow?.chain_hash?.equals(head.chain_head)) {
    if (segment.status === "ok") {
      segment.status = "failed";
      segment.findings.push({
        kind: "modified",
        seq: head.event_seq,
        detail: `the tenant's chain head is not the chain hash of the event at seq ${headSeq}`,
      });
    }
    await recordRefusal(tenantId, segment);
    return latest;
  }

  const unsigned = {
    tenantId,
    seq: head.event_seq,
    chainHead: head.chain_head.toString("hex"),
    signedAt: new Date().toISOString(),
  };
  const statementKeyId = (await activeSigningKey()).keyId;
  const { keyId, signature } = await signBytes(checkpointStatement({ ...unsigned, keyId: statementKeyId }));
  if (keyId !== statementKeyId) throw new Error("the signing key changed while signing a checkpoint");
  await pool().query(
    `INSERT INTO integrity_checkpoints (tenant_id, seq, chain_head, signed_at, key_id, signature)
     VALUES ($1, $2::bigint, $3, $4, $5, $6) ON CONFLICT (tenant_id, seq) DO NOTHING`,
    [tenantId, unsigned.seq, head.chain_head, unsigned.signedAt, keyId, signature],
  );
  // Another process may have signed the same head a moment earlier; its checkpoint stands.
  return checkpointAt(tenantId, headSeq);
}

/** Signs every tenant whose head moved since its last checkpoint. Returns how many were signed. */
export async function checkpointAllTenants(options: { onlyTenants?: string[] } = {}): Promise<number> {
  const { rows } = await pool().query<{ id: string }>(
    `SELECT t.id FROM tenants t
     WHERE t.chain_head IS NOT NULL AND ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
       AND t.event_seq > COALESCE((SELECT max(c.seq) FROM integrity_checkpoints c WHERE c.tenant_id = t.id), 0)`,
    [options.onlyTenants ?? null],
  );
  let signed = 0;
  for (const { id } of rows) {
    try {
      const before = await latestCheckpoint(id);
      const after = await checkpointNow(id);
      if (after && after.seq !== before?.seq) signed++;
    } catch (error) {
      log.error({ err: error, tenantId: id }, "checkpoint failed");
    }
  }
  return signed;
}

export type CheckpointLoop = { stop: () => Promise<void> };

/** Runs checkpointAllTenants every ATTEST_CHECKPOINT_INTERVAL_MS (10 s) until stopped. */
export function startCheckpointLoop(
  intervalMs = Number(process.env.ATTEST_CHECKPOINT_INTERVAL_MS) || DEFAULT_CHECKPOINT_INTERVAL_MS,
): CheckpointLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = checkpointAllTenants()
      .catch((error) => log.error({ err: error }, "checkpoint tick failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
