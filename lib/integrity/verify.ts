import { pool, prisma } from "../db";
import { chainHashOf } from "./chain";
import { checkpointAt, checkpointsCovering } from "./checkpoint-rows";
import { verifyCheckpoint } from "./statement";
import { storedEventAt, storedEvents } from "./stored-rows";
import { finishVerification, startVerification } from "./verifications";
import { ChainScan, type ContentSuspect, type Finding, type MovedSuspect } from "./verify-scan";

// Verifies a tenant's stored events against the hash chain and the signed checkpoints, and
// names each event that was modified, deleted, inserted or reordered. Rows stream in keyset
// batches (memory stays flat on millions of events); findings are capped (`truncated`).
// What it cannot do: if someone rewrote events AND recomputed every hash after them, the chain
// is self-consistent again; only a signed checkpoint still disagrees, so the finding names the
// checkpoint's range, not the event (the original content is gone).

export type { Finding, FindingKind } from "./verify-scan";

export type VerifyRange = { fromSeq?: bigint; toSeq?: bigint; from?: Date; to?: Date };
export type VerifyOptions = {
  onProgress?: (checked: number, total: number) => void | Promise<void>;
  requestedBy?: string;
};
export type VerifyResult = {
  id?: string;
  status: "ok" | "failed";
  fromSeq: string;
  toSeq: string;
  eventsChecked: number;
  checkpointsChecked: number;
  unchained: number;
  findings: Finding[];
  truncated: boolean;
  head: { seq: string; chainHead: string | null } | null;
};

type Head = { event_seq: string; chain_head: Buffer | null };

/** Seq bounds of the events received in [from, to). Scans the tenant's rows once. */
async function seqRangeOf(tenantId: string, range: VerifyRange): Promise<{ fromSeq?: bigint; toSeq?: bigint }> {
  if (!range.from && !range.to) return { fromSeq: range.fromSeq, toSeq: range.toSeq };
  const { rows } = await pool().query<{ min: string | null; max: string | null }>(
    `SELECT min(seq)::text AS min, max(seq)::text AS max FROM events
     WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at < $3)`,
    [tenantId, range.from ?? null, range.to ?? null],
  );
  const found = rows[0];
  // No event in the period: an empty range after the head.
  if (!found?.min || !found.max) return { fromSeq: 1n, toSeq: 0n };
  return { fromSeq: BigInt(found.min), toSeq: BigInt(found.max) };
}

async function keysById(ids: string[]): Promise<Map<string, string>> {
  const keys = await prisma.signingKey.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(keys.map((key) => [key.id, key.publicKeyPem]));
}

/** Leaves that match another row's stored leaf: content swapped between rows. One scan, only when needed. */
async function storedLeafOwners(
  tenantId: string,
  leaves: Buffer[],
): Promise<Map<string, { seq: string; eventId: string }>> {
  if (leaves.length === 0) return new Map();
  const { rows } = await pool().query<{ seq: string; event_id: string; leaf_hash: Buffer }>(
    "SELECT seq, event_id, leaf_hash FROM events WHERE tenant_id = $1 AND leaf_hash = ANY($2::bytea[])",
    [tenantId, leaves],
  );
  return new Map(rows.map((row) => [row.leaf_hash.toString("hex"), { seq: row.seq, eventId: row.event_id }]));
}

function resolveContent(suspect: ContentSuspect, owner: { seq: string; eventId: string } | undefined): Finding {
  const at = { seq: suspect.seq.toString(), eventId: suspect.eventId };
  if (owner && owner.seq !== at.seq) {
    return {
      kind: "reordered",
      ...at,
      detail: `the content now at seq ${at.seq} (event ${at.eventId}) was received at seq ${owner.seq} (as event ${owner.eventId}): contents were swapped or moved`,
    };
  }
  if (suspect.selfConsistent) {
    const columns = suspect.columns.length > 0 ? `; columns ${suspect.columns.join(", ")} disagree as well` : "";
    return {
      kind: "modified",
      ...at,
      detail: `event ${at.eventId} no longer hashes to the leaf stored when it was received${columns}`,
    };
  }
  return {
    kind: "inserted",
    ...at,
    detail: `event ${at.eventId}'s hashes fit neither its content nor its position: the collector did not write it`,
  };
}

function resolveMoved(suspect: MovedSuspect, candidates: bigint[]): Finding {
  const at = { seq: suspect.seq.toString(), eventId: suspect.eventId };
  const original = candidates.find(
    (s) => s !== suspect.seq && chainHashOf(suspect.prev, s, suspect.leaf).equals(suspect.chain),
  );
  if (original !== undefined) {
    return {
      kind: "reordered",
      ...at,
      detail: `event ${at.eventId} is at seq ${at.seq}, but was received at seq ${original}`,
    };
  }
  return {
    kind: "modified",
    ...at,
    detail: `event ${at.eventId}'s content is intact, but its chain hashes were altered`,
  };
}

/** Rows numbered past the tenant's counter: no ingest wrote them. Rows first, then the counter. */
async function beyondHead(tenantId: string, headSeq: bigint): Promise<Finding[]> {
  const { rows } = await pool().query<{ seq: string; event_id: string }>(
    "SELECT seq, event_id FROM events WHERE tenant_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT 1000",
    [tenantId, headSeq.toString()],
  );
  if (rows.length === 0) return [];
  const now = await pool().query<{ event_seq: string }>("SELECT event_seq FROM tenants WHERE id = $1", [tenantId]);
  const counter = BigInt(now.rows[0]?.event_seq ?? headSeq);
  return rows
    .filter((row) => BigInt(row.seq) > counter)
    .map((row) => ({
      kind: "inserted" as const,
      seq: row.seq,
      eventId: row.event_id,
      detail: `event ${row.event_id} is at seq ${row.seq}, beyond the tenant's last sequence number ${counter}`,
    }));
}

export async function verifyTenantChain(
  tenantId: string,
  range: VerifyRange,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const id = opts.requestedBy ? await startVerification(tenantId, opts.requestedBy, range) : undefined;
  try {
    const result = await runVerification(tenantId, range, opts);
    if (id) await finishVerification(id, result);
    return { ...(id ? { id } : {}), ...result };
  } catch (error) {
    if (id) await finishVerification(id, error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

async function runVerification(tenantId: string, range: VerifyRange, opts: VerifyOptions): Promise<VerifyResult> {
  const head = (
    await pool().query<Head>("SELECT event_seq::text AS event_seq, chain_head FROM tenants WHERE id = $1", [tenantId])
  ).rows[0];
  if (!head) throw new Error(`tenant ${tenantId} does not exist`);
  const headSeq = BigInt(head.event_seq);
  const bounds = await seqRangeOf(tenantId, range);
  const fromSeq = bounds.fromSeq && bounds.fromSeq > 1n ? bounds.fromSeq : 1n;
  const toSeq = bounds.toSeq ?? headSeq;
  // Rows past the head are looked for separately at the end, against a fresh read of the head,
  // so events committed while the scan runs are never mistaken for forged ones.
  const pastHead = bounds.toSeq === undefined || bounds.toSeq > headSeq;

  // A checkpoint signed after the head was read lies beyond this scan; the next run checks it.
  const checkpoints = (toSeq >= fromSeq ? await checkpointsCovering(tenantId, fromSeq, toSeq) : []).filter(
    (cp) => BigInt(cp.seq) <= headSeq,
  );
  // Scan on to the first checkpoint past the range, so the range's tail is held against a signature.
  const lastCheckpoint = checkpoints.at(-1);
  const covered = lastCheckpoint && BigInt(lastCheckpoint.seq) > toSeq ? BigInt(lastCheckpoint.seq) : toSeq;
  const scanTo = covered > headSeq ? headSeq : covered;
  const anchor = fromSeq > 1n ? await checkpointAt(tenantId, fromSeq - 1n) : null;
  const predecessorRow = fromSeq > 1n ? await storedEventAt(tenantId, fromSeq - 1n) : null;

  const scan = new ChainScan(tenantId, headSeq, checkpoints, { seq: fromSeq - 1n, row: predecessorRow, anchor });
  const keys = await keysById([...checkpoints, ...(anchor ? [anchor] : [])].map((cp) => cp.keyId));
  for (const cp of [...(anchor ? [anchor] : []), ...checkpoints]) {
    const pem = keys.get(cp.keyId);
    if (!pem)
      scan.add({
        kind: "unknown_key",
        seq: cp.seq,
        detail: `the checkpoint at seq ${cp.seq} names key ${cp.keyId}, which was never registered here`,
      });
    else if (!verifyCheckpoint(cp, pem))
      scan.add({
        kind: "bad_signature",
        seq: cp.seq,
        detail: `the signature of the checkpoint at seq ${cp.seq} (${cp.signedAt}) does not verify with key ${cp.keyId}`,
      });
  }

  const total = Number(scanTo - fromSeq + 1n);
  if (toSeq >= fromSeq) {
    for await (const batch of storedEvents(tenantId, fromSeq - 1n, scanTo)) {
      for (const row of batch) scan.row(row);
      await opts.onProgress?.(scan.eventsChecked, Math.max(total, scan.eventsChecked));
    }
    const end = scan.end(scanTo);
    if (
      scanTo === headSeq &&
      !end.lastFlagged &&
      end.lastSeq === headSeq &&
      end.lastChain &&
      head.chain_head &&
      !end.lastChain.equals(head.chain_head)
    ) {
      scan.add({
        kind: "modified",
        seq: headSeq.toString(),
        ...(end.lastEventId ? { eventId: end.lastEventId } : {}),
        detail: `the tenant's chain head is not the chain hash of the event at seq ${headSeq}: the last event's hashes were recomputed`,
      });
    }
  }

  if (pastHead) for (const finding of await beyondHead(tenantId, headSeq)) scan.add(finding);

  const owners = await storedLeafOwners(
    tenantId,
    scan.contentSuspects.map((s) => s.computedLeaf),
  );
  for (const suspect of scan.contentSuspects)
    scan.add(resolveContent(suspect, owners.get(suspect.computedLeaf.toString("hex"))));
  const candidates = [
    ...scan.movedSuspects.map((s) => s.seq),
    ...scan.missingSeqs,
    ...scan.contentSuspects.map((s) => s.seq),
  ];
  for (const suspect of scan.movedSuspects) scan.add(resolveMoved(suspect, candidates));
  if (scan.unchained > 0) {
    scan.add({
      kind: "unchained",
      seq: String(scan.firstUnchained),
      detail: `${scan.unchained} event(s) between seq ${scan.firstUnchained} and ${scan.lastUnchained} were stored without hashes (before the chain existed, or with ATTEST_BENCH_NO_INTEGRITY): they cannot be checked`,
    });
  }
  const findings = scan.findings.sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0,
  );
  return {
    status: findings.some((f) => f.kind !== "unchained") ? "failed" : "ok",
    fromSeq: fromSeq.toString(),
    toSeq: toSeq.toString(),
    eventsChecked: scan.eventsChecked,
    checkpointsChecked: checkpoints.length + (anchor ? 1 : 0),
    unchained: scan.unchained,
    findings,
    truncated: scan.truncated,
    head: { seq: head.event_seq, chainHead: head.chain_head?.toString("hex") ?? null },
  };
}
