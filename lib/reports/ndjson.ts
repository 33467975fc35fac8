import type { EvidenceRow } from "./evidence";

// events.ndjson: one line per evidence event, the stored event `data` as received plus what the
// server added (seq, receivedAt, the hash-chain values), so a verifier can recompute leaf hashes.

export function ndjsonLines(rows: EvidenceRow[]): string {
  let out = "";
  for (const r of rows) {
    out += `${JSON.stringify({
      category: r.category,
      seq: r.seq,
      receivedAt: r.receivedAt.toISOString(),
      leafHash: r.leafHash?.toString("hex") ?? null,
      chainHash: r.chainHash?.toString("hex") ?? null,
      ...(r.consentFinding ? { consentFinding: r.consentFinding } : {}),
      data: r.data,
    })}\n`;
  }
  return out;
}
