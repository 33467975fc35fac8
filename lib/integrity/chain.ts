import { canonicalJsonOfData, sha256 } from "./canonical";

// The per-tenant hash chain (see README, "Integrity"):
//   leaf_hash  = SHA-256( JCS({ tenantId, receivedAt, event }) )   event = the stored `data`
//   chain_hash = SHA-256( prev_hash || seq as 8-byte big-endian || leaf_hash )
//   prev_hash  = the previous event's chain_hash, or genesisHash(tenantId) for the first one.
// The leaf covers the whole stored record, so it can be recomputed from the row alone; the
// chain binds each leaf to its position, so deletions, insertions and moves break a link.

/** The prev_hash of a tenant's first chained event. */
export function genesisHash(tenantId: string): Buffer {
  return sha256(`attest:chain:v1:${tenantId}`);
}

/** receivedAt is the ISO form with milliseconds, as `Date.toISOString()` prints the stored column. */
export function leafHashOf(tenantId: string, receivedAt: string, event: unknown): Buffer {
  return sha256(canonicalJsonOfData({ tenantId, receivedAt, event }));
}

export function chainHashOf(prevHash: Uint8Array, seq: bigint, leafHash: Uint8Array): Buffer {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(seq);
  return sha256(Buffer.concat([prevHash, seqBytes, leafHash]));
}

/** Events are stored without hashes only when this benchmark-only switch is set. */
export function integrityDisabled(): boolean {
  return process.env.ATTEST_BENCH_NO_INTEGRITY === "1";
}

let warned = false;

/** Says loudly, once per process, that events are being stored without tamper evidence. */
export function warnIfIntegrityDisabled(): void {
  if (!integrityDisabled() || warned) return;
  warned = true;
  console.warn(
    "\n!!! ATTEST_BENCH_NO_INTEGRITY=1: events are stored WITHOUT hash-chain tamper evidence.\n" +
      "!!! This switch exists only for the ingest benchmark's on/off comparison. Never set it in production.\n",
  );
}
