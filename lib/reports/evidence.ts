import { pool } from "../db";
import type { EventData } from "../flags/types";
import { addConsentFindings } from "./consent-findings";
import { categorySql, FRAMEWORK_DEFS } from "./frameworks";
import { BASE, baseParams, type ReportScope } from "./scope";
import type { EvidenceCategory } from "./types";

// The evidence of a report: every event in the framework's scope, read in (time, seq) order with
// keyset pagination, a batch at a time, so a range of millions never sits in memory. The
// (time, seq) key is unique per tenant, so events sharing a timestamp are neither skipped nor
// repeated between batches.

export const EVIDENCE_BATCH = 2_000;

export type EvidenceRow = {
  category: string;
  seq: string;
  eventId: string;
  time: Date;
  receivedAt: Date;
  type: string;
  outcome: string;
  actorType: string;
  actorId: string;
  agentId: string | null;
  onBehalfOfId: string | null;
  sessionKey: string | null;
  clientId: string | null;
  correlationId: string | null;
  traceId: string | null;
  targetType: string | null;
  targetId: string | null;
  policyDecision: string | null;
  leafHash: Buffer | null;
  prevHash: Buffer | null;
  chainHash: Buffer | null;
  data: EventData;
  /** GDPR: the consent finding on this use, if any ("Used after consent was revoked: …"). */
  consentFinding: string | null;
};

type Row = {
  category: string;
  seq: string;
  event_id: string;
  time: Date;
  received_at: Date;
  type: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
  agent_id: string | null;
  on_behalf_of_id: string | null;
  session_key: string | null;
  client_id: string | null;
  correlation_id: string | null;
  trace_id: string | null;
  target_type: string | null;
  target_id: string | null;
  policy_decision: string | null;
  leaf_hash: Buffer | null;
  prev_hash: Buffer | null;
  chain_hash: Buffer | null;
  data: EventData;
};

const COLUMNS = `c.category, e.seq::text AS seq, e.event_id, e.time, e.received_at, e.type, e.outcome,
  e.actor_type, e.actor_id, e.agent_id, e.on_behalf_of_id, e.session_key, e.client_id, e.correlation_id,
  e.trace_id, e.target_type, e.target_id, e.policy_decision, e.leaf_hash, e.prev_hash, e.chain_hash, e.data`;

const fromScoped = (scope: ReportScope) =>
  `FROM events e CROSS JOIN LATERAL (SELECT ${categorySql(scope.request.framework)} AS category) c
   WHERE ${BASE} AND c.category IS NOT NULL`;

/** Evidence rows per category, in the framework's category order (zero counts included). */
export async function countEvidence(scope: ReportScope): Promise<EvidenceCategory[]> {
  const def = FRAMEWORK_DEFS[scope.request.framework];
  if (def.usesPhiPatterns && scope.phiPatterns.length === 0) return def.categories.map((c) => ({ ...c, count: 0 }));
  const { rows } = await pool().query<{ category: string; count: string }>(
    `SELECT c.category, count(*)::text AS count ${fromScoped(scope)} GROUP BY c.category`,
    scope.params,
  );
  const counts = new Map(rows.map((r) => [r.category, Number(r.count)]));
  return def.categories.map((c) => ({ id: c.id, label: c.label, count: counts.get(c.id) ?? 0 }));
}

type Key = { time: Date; seq: string };
type Chunk = { rows: EvidenceRow[]; next: Key | null };

/**
 * Streams the evidence in (time, seq) order; stops after `limit` rows. The range is walked in
 * chunks of `batchSize` events of the tenant (evidence or not): the chunk's last key comes from
 * the (tenant_id, time, seq) index, then its evidence is read within those bounds. A query asking
 * for "the next 2,000 evidence rows" instead lets Postgres scan and sort the whole table when the
 * evidence is sparse (HIPAA), once per batch. The next chunk is read while the caller writes the
 * current one, so at most two are in memory.
 */
export async function* evidenceBatches(
  scope: ReportScope,
  options: { batchSize?: number; limit?: number } = {},
): AsyncGenerator<EvidenceRow[]> {
  const def = FRAMEWORK_DEFS[scope.request.framework];
  if (def.usesPhiPatterns && scope.phiPatterns.length === 0) return;
  const batchSize = options.batchSize ?? EVIDENCE_BATCH;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let next: Promise<Chunk> | null = readChunk(scope, null, batchSize);
  while (next && remaining > 0) {
    const chunk: Chunk = await next;
    next = chunk.next ? readChunk(scope, chunk.next, batchSize) : null;
    // If the caller stops early, the read ahead must not become an unhandled rejection.
    next?.catch(() => {});
    const rows = chunk.rows.length > remaining ? chunk.rows.slice(0, remaining) : chunk.rows;
    remaining -= rows.length;
    if (rows.length > 0) yield rows;
  }
}

/** The evidence among the tenant's next `size` events after `after`, and where the chunk ended. */
async function readChunk(scope: ReportScope, after: Key | null, size: number): Promise<Chunk> {
  const afterParams = after ? [after.time, after.seq] : [];
  const above = (n: number) => (after ? `AND (e.time, e.seq) > ($${n + 1}::timestamptz, $${n + 2}::bigint)` : "");
  const { rows: ends } = await pool().query<{ time: Date; seq: string }>(
    `SELECT e.time, e.seq::text AS seq FROM events e WHERE ${BASE} ${above(4)}
      ORDER BY e.time, e.seq OFFSET ${size - 1} LIMIT 1`,
    [...baseParams(scope), ...afterParams],
  );
  const end = ends[0] ?? null;
  const n = scope.params.length + afterParams.length;
  const upTo = end ? `AND (e.time, e.seq) <= ($${n + 1}::timestamptz, $${n + 2}::bigint)` : "";
  const { rows } = await pool().query<Row>(
    `SELECT ${COLUMNS} ${fromScoped(scope)} ${above(scope.params.length)} ${upTo} ORDER BY e.time, e.seq`,
    [...scope.params, ...afterParams, ...(end ? [end.time, end.seq] : [])],
  );
  const batch = rows.map(toEvidenceRow);
  if (scope.request.framework === "gdpr") await addConsentFindings(scope.tenant.id, batch);
  return { rows: batch, next: end };
}

function toEvidenceRow(r: Row): EvidenceRow {
  return {
    category: r.category,
    seq: r.seq,
    eventId: r.event_id,
    time: r.time,
    receivedAt: r.received_at,
    type: r.type,
    outcome: r.outcome,
    actorType: r.actor_type,
    actorId: r.actor_id,
    agentId: r.agent_id,
    onBehalfOfId: r.on_behalf_of_id,
    sessionKey: r.session_key,
    clientId: r.client_id,
    correlationId: r.correlation_id,
    traceId: r.trace_id,
    targetType: r.target_type,
    targetId: r.target_id,
    policyDecision: r.policy_decision,
    leafHash: r.leaf_hash,
    prevHash: r.prev_hash,
    chainHash: r.chain_hash,
    data: r.data,
    consentFinding: null,
  };
}
