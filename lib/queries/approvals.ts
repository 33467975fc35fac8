import { pool } from "../db";
import type { DateRange } from "../filters/time-range";
import {
  type ApprovalRecord,
  type ApprovalStatus,
  amountOf,
  approvalFlags,
  approvalRecords,
  HIGH_VALUE_THRESHOLD,
} from "../flags/approval";
import { correlationEvents, FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "../flags/load";
import type { Flag, FlagEvent, FlagMap } from "../flags/types";

// Approvals in a time range, and actions that ran without the approval they needed. Approval
// requests are linked to what they gate by correlation id, so the page picks the requests
// (correlation ids) that matter in the range, loads every event of those requests, and lets
// the flag rules (lib/flags/approval.ts) decide: status, approver, wait, and the findings.
//
// Requests of interest: an approval was requested in the range; a policy required approval in
// the range; or an action with `attributes.amount` above the threshold ran in the range. Each
// candidate statement reads the (tenant_id, type, time) index. At most MAX_REQUESTS requests,
// the most recent, are loaded; the page says when the range held more.

export const MAX_REQUESTS = 500;
export const APPROVAL_STATUSES = ["pending", "granted", "denied", "expired"] as const satisfies ApprovalStatus[];

export type Range = DateRange;

export type ApprovalRow = ApprovalRecord & {
  agentId: string | null;
  requesterName: string | null;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  /** The tool (or API) the approval gates, from the request's tool call. */
  action: string | null;
  /** Why the approval was denied or expired, when the decision said. */
  decisionReason: string | null;
  flags: Flag[];
};

export type UnapprovedAction = {
  eventId: string;
  time: Date;
  type: string;
  actorId: string;
  actorName: string | null;
  onBehalfOfId: string | null;
  target: string | null;
  amount: number | null;
  correlationId: string | null;
  flag: Flag;
};

export type ApprovalKpis = Record<ApprovalStatus, number> & {
  requested: number;
  /** Over approvals a person decided (granted or denied); expiry is not a wait for a person. */
  medianWaitMs: number | null;
  p95WaitMs: number | null;
};

export type ApprovalsOverview = {
  kpis: ApprovalKpis;
  approvals: ApprovalRow[];
  unapproved: UnapprovedAction[];
  threshold: number;
  /** The range held more requests than MAX_REQUESTS; only the most recent were checked. */
  capped: boolean;
};

// `attributes.amount` above $4, for numbers and numeric strings only: anything else is not a
// number and must not fail the cast.
const highValue = (e: string) => `CASE
    WHEN jsonb_typeof(${e}data->'attributes'->'amount') = 'number' THEN (${e}data->'attributes'->>'amount')::numeric
    WHEN jsonb_typeof(${e}data->'attributes'->'amount') = 'string'
      AND ${e}data->'attributes'->>'amount' ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$'
      THEN trim(${e}data->'attributes'->>'amount')::numeric
  END > $4`;
const IN_RANGE = "tenant_id = $1 AND time >= $2 AND time < $3";
const ACTION_TYPES = "type IN ('mcp.tool.called', 'downstream.called')";

const CANDIDATES = `
  SELECT correlation_id, max(time) AS last FROM (
    SELECT correlation_id, time FROM events WHERE ${IN_RANGE} AND type = 'approval.requested'
    UNION ALL
    SELECT correlation_id, time FROM events
      WHERE ${IN_RANGE} AND type = 'policy.evaluated' AND policy_decision = 'require_approval'
    UNION ALL
    SELECT correlation_id, time FROM events WHERE ${IN_RANGE} AND ${ACTION_TYPES} AND ${highValue("")}
  ) c
  WHERE correlation_id IS NOT NULL
  GROUP BY correlation_id
  ORDER BY last DESC
  LIMIT $5`;

// A high-value action with no correlation id cannot be linked to any approval at all.
const UNCORRELATED = `
  SELECT ${FLAG_EVENT_COLUMNS} FROM events e
  WHERE e.tenant_id = $1 AND e.time >= $2 AND e.time < $3 AND e.type IN ('mcp.tool.called', 'downstream.called')
    AND e.correlation_id IS NULL AND ${highValue("e.")}
  ORDER BY e.time DESC LIMIT $5`;

function amountOfEvidence(flag: Flag, byId: Map<string, FlagEvent>): number | null {
  for (const id of flag.evidence) {
    const source = byId.get(id);
    const amount = source ? amountOf(source) : undefined;
    if (amount !== undefined) return amount;
  }
  return null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

function kpisOf(records: readonly ApprovalRecord[]): ApprovalKpis {
  const waits = records
    .filter((r) => (r.status === "granted" || r.status === "denied") && r.waitMs !== undefined)
    .map((r) => r.waitMs as number)
    .sort((a, b) => a - b);
  const count = (status: ApprovalStatus) => records.filter((r) => r.status === status).length;
  return {
    requested: records.length,
    pending: count("pending"),
    granted: count("granted"),
    denied: count("denied"),
    expired: count("expired"),
    medianWaitMs: percentile(waits, 50),
    p95WaitMs: percentile(waits, 95),
  };
}

function toApprovalRow(
  record: ApprovalRecord,
  byId: Map<string, FlagEvent>,
  events: FlagEvent[],
  flags: FlagMap,
): ApprovalRow {
  const request = byId.get(record.requestedEventId);
  const decision = record.decidedEventId ? byId.get(record.decidedEventId) : undefined;
  const sameRequest = events.filter((e) => e.correlationId === record.correlationId);
  const call =
    sameRequest.find((e) => e.type === "mcp.tool.called") ?? sameRequest.find((e) => e.type === "downstream.called");
  return {
    ...record,
    agentId: request?.agentId ?? null,
    requesterName: request?.data.actor?.name ?? null,
    // The request may name only the agent; the tool call it gates says whom it acted for.
    onBehalfOfId: request?.onBehalfOfId ?? call?.onBehalfOfId ?? null,
    onBehalfOfName: (request?.onBehalfOfId ? request : call)?.data.onBehalfOf?.name ?? null,
    action: call?.data.target?.id ?? request?.data.target?.id ?? null,
    decisionReason: record.status === "denied" || record.status === "expired" ? (decision?.data.reason ?? null) : null,
    flags: record.downstreamBeforeApproval.flatMap((id) =>
      (flags.get(id) ?? []).filter(
        (f) => f.kind === "action_before_approval" && f.evidence.includes(record.requestedEventId),
      ),
    ),
  };
}

export async function approvalsOverview(
  tenantId: string,
  range: Range,
  options: { limit?: number; threshold?: number } = {},
): Promise<ApprovalsOverview> {
  const limit = options.limit ?? MAX_REQUESTS;
  const threshold = options.threshold ?? HIGH_VALUE_THRESHOLD;
  const params = [tenantId, range.from, range.to, threshold, limit + 1];
  const [candidates, uncorrelated] = await Promise.all([
    pool().query<{ correlation_id: string }>(CANDIDATES, params),
    pool().query<FlagRow>(UNCORRELATED, params),
  ]);
  const capped = candidates.rows.length > limit || uncorrelated.rows.length > limit;
  const correlated = await correlationEvents(
    tenantId,
    candidates.rows.slice(0, limit).map((r) => r.correlation_id),
  );
  // Each uncorrelated action is a request of its own, so the same rule judges it.
  const loose = uncorrelated.rows
    .slice(0, limit)
    .map(toFlagEvent)
    .map((e) => ({ ...e, correlationId: `event:${e.eventId}` }));
  const events = [...correlated, ...loose];
  const byId = new Map(events.map((e) => [e.eventId, e]));

  const flags: FlagMap = new Map();
  approvalFlags(events, flags, threshold);
  const inRange = (time: Date) => time >= range.from && time < range.to;
  const records = approvalRecords(correlated)
    .filter((r) => inRange(r.requestedAt))
    .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime());
  const gated = new Set(records.flatMap((r) => r.downstreamBeforeApproval));

  const unapproved: UnapprovedAction[] = [];
  for (const [eventId, list] of flags) {
    const event = byId.get(eventId);
    if (!event || !inRange(event.time)) continue;
    for (const flag of list) {
      // Actions before a requested approval are shown on that approval's row instead.
      if (flag.kind === "action_before_approval" && gated.has(eventId)) continue;
      unapproved.push({
        eventId,
        time: event.time,
        type: event.type,
        actorId: event.actorId,
        actorName: event.data.actor?.name ?? null,
        onBehalfOfId: event.onBehalfOfId,
        target: event.data.target?.id ?? null,
        amount: amountOf(event) ?? amountOfEvidence(flag, byId),
        correlationId: event.correlationId?.startsWith("event:") ? null : event.correlationId,
        flag,
      });
    }
  }
  unapproved.sort((a, b) => b.time.getTime() - a.time.getTime());

  return {
    kpis: kpisOf(records),
    approvals: records.map((r) => toApprovalRow(r, byId, correlated, flags)),
    unapproved,
    threshold,
    capped,
  };
}

export function parseApprovalStatus(value: string | null | undefined): ApprovalStatus | null {
  return (APPROVAL_STATUSES as readonly string[]).includes(value ?? "") ? (value as ApprovalStatus) : null;
}
