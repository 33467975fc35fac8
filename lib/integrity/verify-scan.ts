import { chainHashOf, genesisHash, leafHashOf } from "./chain";
import type { SignedCheckpoint } from "./statement";
import { type StoredEvent, typedColumnMismatches } from "./stored-rows";

// One pass over a tenant's events in seq order. Each row is checked on its own (content →
// leaf, typed columns, H(prev || seq || leaf) = chain) and against its predecessor (link, seq
// gaps), and a chain recomputed from contents alone is held against each signed checkpoint.
// Rows whose story needs the whole range (a leaf that belongs to another row, a row that fits
// another position) are kept as suspects, a bounded list, and resolved at the end (verify.ts).

export type FindingKind =
  | "modified"
  | "deleted"
  | "inserted"
  | "reordered"
  | "checkpoint_mismatch"
  | "bad_signature"
  | "unknown_key"
  | "unchained";

export type Finding = { kind: FindingKind; seq: string; eventId?: string; detail: string };

/** A row whose content no longer hashes to its stored leaf. */
export type ContentSuspect = {
  seq: bigint;
  eventId: string;
  computedLeaf: Buffer;
  selfConsistent: boolean;
  columns: string[];
};
/** A row whose content is intact but whose chain hash does not fit its position. */
export type MovedSuspect = { seq: bigint; eventId: string; prev: Buffer; leaf: Buffer; chain: Buffer };

export const MAX_FINDINGS = 1_000;
const MAX_SUSPECTS = 1_000;

type Previous = { seq: bigint; eventId: string | null; chain: Buffer | null; flagged: boolean };

export class ChainScan {
  readonly findings: Finding[] = [];
  truncated = false;
  eventsChecked = 0;
  unchained = 0;
  firstUnchained: bigint | null = null;
  lastUnchained: bigint | null = null;
  readonly contentSuspects: ContentSuspect[] = [];
  readonly movedSuspects: MovedSuspect[] = [];
  readonly missingSeqs: bigint[] = [];
  private previous: Previous;
  private recomputed: Buffer | null;
  private chainStarted: boolean;
  private nextCheckpoint = 0;

  constructor(
    private readonly tenantId: string,
    private readonly headSeq: bigint,
    private readonly checkpoints: SignedCheckpoint[],
    predecessor: { seq: bigint; row: StoredEvent | null; anchor: SignedCheckpoint | null },
  ) {
    const chain = predecessor.row?.chain_hash ?? null;
    this.previous = { seq: predecessor.seq, eventId: predecessor.row?.event_id ?? null, chain, flagged: false };
    this.chainStarted = chain !== null;
    // Trust a signed head over a stored hash where one exists; the stored one is checked against it.
    this.recomputed = predecessor.anchor ? Buffer.from(predecessor.anchor.chainHead, "hex") : chain;
    if (predecessor.anchor && chain && !chain.equals(this.recomputed as Buffer)) {
      this.add({
        kind: "checkpoint_mismatch",
        seq: predecessor.seq.toString(),
        ...(predecessor.row ? { eventId: predecessor.row.event_id } : {}),
        detail: `the stored chain hash at seq ${predecessor.seq} differs from the head signed there`,
      });
    }
  }

  add(finding: Finding): void {
    if (this.findings.length >= MAX_FINDINGS) this.truncated = true;
    else this.findings.push(finding);
  }

  private gap(upTo: bigint, next: StoredEvent | null): void {
    for (let missing = this.previous.seq + 1n; missing < upTo; missing++) {
      if (this.missingSeqs.length < MAX_SUSPECTS) this.missingSeqs.push(missing);
      const before = this.previous.eventId ? `after event ${this.previous.eventId}` : "at the start";
      const after = next ? `before event ${next.event_id} (seq ${next.seq})` : "before the tenant's head";
      this.add({ kind: "deleted", seq: missing.toString(), detail: `no event at seq ${missing}: ${before}, ${after}` });
      if (this.findings.length >= MAX_FINDINGS) {
        this.truncated = true;
        break;
      }
    }
    this.checkpointsUpTo(upTo - 1n, null);
  }

  /** Checkpoints at or below `seq` not yet compared; `row` is the event at `seq`, if any. */
  private checkpointsUpTo(seq: bigint, row: StoredEvent | null): void {
    for (
      let cp = this.checkpoints[this.nextCheckpoint];
      cp && BigInt(cp.seq) <= seq;
      cp = this.checkpoints[this.nextCheckpoint]
    ) {
      this.nextCheckpoint++;
      const signed = Buffer.from(cp.chainHead, "hex");
      const at = row && BigInt(cp.seq) === seq ? row : null;
      if (!at) {
        this.add({ kind: "checkpoint_mismatch", seq: cp.seq, detail: `the event signed at seq ${cp.seq} is missing` });
      } else {
        if (!at.chain_hash?.equals(signed)) {
          this.add({
            kind: "checkpoint_mismatch",
            seq: cp.seq,
            eventId: at.event_id,
            detail: `the stored chain hash of event ${at.event_id} (seq ${cp.seq}) differs from the head signed at ${cp.signedAt}`,
          });
        }
        if (this.recomputed && !this.recomputed.equals(signed)) {
          this.add({
            kind: "checkpoint_mismatch",
            seq: cp.seq,
            eventId: at.event_id,
            detail: `the events up to seq ${cp.seq}, rehashed from their contents, do not reproduce the head signed at ${cp.signedAt}: something in this checkpoint's range changed`,
          });
        }
      }
      this.recomputed = signed;
    }
  }

  row(row: StoredEvent): void {
    const seq = BigInt(row.seq);
    this.eventsChecked++;
    if (seq > this.previous.seq + 1n) this.gap(seq, row);
    const gapBefore = seq !== this.previous.seq + 1n;
    let flagged = false;
    const flag = (kind: FindingKind, detail: string) => {
      flagged = true;
      this.add({ kind, seq: row.seq, eventId: row.event_id, detail });
    };

    const hashes = [row.leaf_hash, row.prev_hash, row.chain_hash];
    if (hashes.every((hash) => hash === null)) {
      if (this.chainStarted)
        flag("inserted", `event ${row.event_id} at seq ${row.seq} has no hashes, but the chain had already begun`);
      else {
        this.unchained++;
        this.firstUnchained ??= seq;
        this.lastUnchained = seq;
      }
      this.finishRow(seq, row, flagged);
      return;
    }
    if (seq > this.headSeq)
      flag(
        "inserted",
        `event ${row.event_id} is at seq ${row.seq}, beyond the tenant's last sequence number ${this.headSeq}`,
      );
    const [leaf, prev, chain] = hashes;
    if (!leaf || !prev || !chain) {
      if (!flagged) flag("modified", `some hash columns of event ${row.event_id} were cleared`);
      this.chainStarted = true;
      this.finishRow(seq, row, true);
      return;
    }
    const computedLeaf = leafHashOf(this.tenantId, row.received_at.toISOString(), row.data);
    const columns = typedColumnMismatches(row, this.tenantId);
    const selfConsistent = chainHashOf(prev, seq, leaf).equals(chain);
    const expectedPrev = this.previous.chain ?? (this.chainStarted ? null : genesisHash(this.tenantId));
    const linked = expectedPrev === null || prev.equals(expectedPrev);

    if (!flagged) {
      if (!computedLeaf.equals(leaf)) {
        flagged = true;
        if (this.contentSuspects.length < MAX_SUSPECTS) {
          this.contentSuspects.push({ seq, eventId: row.event_id, computedLeaf, selfConsistent, columns });
        } else this.truncated = true;
      } else if (columns.length > 0) {
        flag(
          "modified",
          `column${columns.length > 1 ? "s" : ""} ${columns.join(", ")} of event ${row.event_id} no longer match its hashed record`,
        );
      } else if (!selfConsistent) {
        flagged = true;
        if (this.movedSuspects.length < MAX_SUSPECTS)
          this.movedSuspects.push({ seq, eventId: row.event_id, prev, leaf, chain });
        else this.truncated = true;
      } else if (!linked && !gapBefore && !this.previous.flagged && this.previous.eventId) {
        this.add({
          kind: "modified",
          seq: this.previous.seq.toString(),
          eventId: this.previous.eventId,
          detail: `event ${row.event_id} (seq ${row.seq}) links to a chain hash that event ${this.previous.eventId} no longer has: its hashes were recomputed after a change, or it replaced the original`,
        });
      }
    }
    this.chainStarted = true;
    this.recomputed = chainHashOf(this.recomputed ?? expectedPrev ?? prev, seq, computedLeaf);
    this.checkpointsUpTo(seq, row);
    this.finishRow(seq, row, flagged);
  }

  private finishRow(seq: bigint, row: StoredEvent, flagged: boolean): void {
    this.previous = { seq, eventId: row.event_id, chain: row.chain_hash, flagged };
  }

  /** After the last row: seqs up to `endSeq` that were never seen are deleted. */
  end(endSeq: bigint | null): {
    lastSeq: bigint;
    lastChain: Buffer | null;
    lastFlagged: boolean;
    lastEventId: string | null;
  } {
    const last = this.previous;
    if (endSeq !== null && endSeq > last.seq) this.gap(endSeq + 1n, null);
    return { lastSeq: last.seq, lastChain: last.chain, lastFlagged: last.flagged, lastEventId: last.eventId };
  }
}
