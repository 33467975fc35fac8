import type { EvidenceRow } from "./evidence";

// events.ndjson: one line per evidence event, the stored event `data` as received plus what the
// server added (seq, receivedAt, the hash-chain values). Each line checks on its own:
// leafHash = SHA-256(JCS({tenantId, receivedAt, event: data})) and
// chainHash = SHA-256(prevHash || seq as 8 bytes big-endian || leafHash) (lib/integrity/chain.ts).

export function ndjsonLines(rows: EvidenceRow[]): string {
  let out = "";
  for (const r of rows) {
    out += `${JSON.stringify({
      category: r.category,
      seq: r.seq,
      receivedAt: r.receivedAt.toISOString(),
      leafHash: r.leafHash?.toString("hex") ?? null,
      prevHash: r.prevHash?.toString("hex") ?? null,
      chainHash: r.chainHash?.toString("hex") ?? null,
      ...(r.consentFinding ? { consentFinding: r.consentFinding } : {}),
      data: r.data,
    })}\n`;
  }
  return out;
}
