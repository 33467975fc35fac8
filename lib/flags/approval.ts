import type { Principal } from "../contract/normalize";
import { addFlag, type FlagEvent, type FlagMap } from "./types";

// Approvals are linked to the request they gate by correlation id (and, when senders give
// it, by span: the approval request and the downstream call hang under the same tool call).
// Two findings:
// - action_before_approval: the action (the downstream call, or a successful tool call when
//   no downstream call is reported) ran while the approval it needed was not yet granted:
//   pending, denied, expired, or never requested although the policy required it;
// - high_value_without_approval: an action with `attributes.amount` above the threshold ran
//   in a request where no approval was asked for at all.

export const HIGH_VALUE_THRESHOLD = 10_000;

export type ApprovalStatus = "pending" | "granted" | "denied" | "expired";

export type ApprovalRecord = {
  approvalId: string;
  correlationId: string;
  requestedEventId: string;
  requestedAt: Date;
  status: ApprovalStatus;
  decidedEventId?: string;
  decidedAt?: Date;
  approver?: Principal;
  waitMs?: number;
  amount?: number;
  requesterId: string;
  /** Downstream calls (or tool calls) of this request that ran before the approval was granted. */
  downstreamBeforeApproval: string[];
};

const DECISIONS: Record<string, ApprovalStatus> = {
  "approval.granted": "granted",
  "approval.denied": "denied",
  "approval.expired": "expired",
};

/** `attributes.amount` as a number, when it is one (or a numeric string). */
export function amountOf(event: FlagEvent): number | undefined {
  const value = event.data.attributes?.amount;
  const amount = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof amount === "number" && Number.isFinite(amount) ? amount : undefined;
}

function parentSpan(event: FlagEvent): string | undefined {
  return event.data.trace?.parentSpanId;
}

function byCorrelation(events: readonly FlagEvent[]): Map<string, FlagEvent[]> {
  const groups = new Map<string, FlagEvent[]>();
  for (const event of events) {
    if (!event.correlationId) continue;
    const group = groups.get(event.correlationId);
    if (group) group.push(event);
    else groups.set(event.correlationId, [event]);
  }
  for (const group of groups.values())
    group.sort((a, b) => a.time.getTime() - b.time.getTime() || Number(BigInt(a.seq) - BigInt(b.seq)));
  return groups;
}

/**
 * The actions of a request: its downstream calls; when none is reported, its successful tool
 * calls, unless a policy denied the request (a sender may log the call before the decision).
 */
function actionsOf(events: readonly FlagEvent[]): FlagEvent[] {
  const downstream = events.filter((e) => e.type === "downstream.called" && e.outcome !== "denied");
  if (downstream.length) return downstream;
  if (events.some((e) => e.type === "policy.evaluated" && e.data.policy?.decision === "deny")) return [];
  return events.filter((e) => e.type === "mcp.tool.called" && e.outcome === "success");
}

function recordsOf(correlationId: string, events: readonly FlagEvent[]): ApprovalRecord[] {
  const records = new Map<string, ApprovalRecord>();
  for (const event of events) {
    const approvalId = event.data.approval?.id;
    if (!approvalId) continue;
    if (event.type === "approval.requested" && !records.has(approvalId)) {
      records.set(approvalId, {
        approvalId,
        correlationId,
        requestedEventId: event.eventId,
        requestedAt: event.time,
        status: "pending",
        amount: amountOf(event) ?? maxAmount(events),
        requesterId: event.actorId,
        downstreamBeforeApproval: [],
      });
      continue;
    }
    const status = DECISIONS[event.type];
    const record = records.get(approvalId);
    // The first decision counts; a later contradictory one does not reopen it.
    if (!status || !record || record.decidedEventId) continue;
    record.status = status;
    record.decidedEventId = event.eventId;
    record.decidedAt = event.time;
    record.waitMs = event.time.getTime() - record.requestedAt.getTime();
    record.approver = event.data.approval?.approver ?? (event.actorType === "user" ? event.data.actor : undefined);
  }
  const requests = new Map(events.filter((e) => e.type === "approval.requested").map((e) => [e.data.approval?.id, e]));
  for (const record of records.values()) {
    const request = requests.get(record.approvalId);
    const requestParent = request ? parentSpan(request) : undefined;
    for (const action of actionsOf(events)) {
      const actionParent = parentSpan(action);
      if (requestParent && actionParent && requestParent !== actionParent) continue;
      if (record.status === "granted" && record.decidedAt && action.time >= record.decidedAt) continue;
      record.downstreamBeforeApproval.push(action.eventId);
    }
  }
  return [...records.values()];
}

function maxAmount(events: readonly FlagEvent[]): number | undefined {
  const amounts = events.map(amountOf).filter((a): a is number => a !== undefined);
  return amounts.length ? Math.max(...amounts) : undefined;
}

/** Approval requests and their outcomes, from whole correlations (every event of each request). */
export function approvalRecords(correlationEvents: readonly FlagEvent[]): ApprovalRecord[] {
  return [...byCorrelation(correlationEvents)].flatMap(([id, events]) => recordsOf(id, events));
}

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

function beforeApprovalDetail(record: ApprovalRecord, action: FlagEvent): string {
  const what = action.type === "downstream.called" ? "The downstream call" : "The tool call";
  if (record.status === "granted" && record.decidedAt)
    return `${what} ran ${duration(record.decidedAt.getTime() - action.time.getTime())} before approval ${record.approvalId} was granted.`;
  if (record.status === "pending") return `${what} ran while approval ${record.approvalId} was still pending.`;
  return `${what} ran although approval ${record.approvalId} was ${record.status}.`;
}

/** Flags on whole correlations; `threshold` is the high-value amount (exclusive). */
export function approvalFlags(
  correlationEvents: readonly FlagEvent[],
  into: FlagMap,
  threshold = HIGH_VALUE_THRESHOLD,
): void {
  for (const [id, events] of byCorrelation(correlationEvents)) {
    const records = recordsOf(id, events);
    for (const record of records) {
      for (const actionId of record.downstreamBeforeApproval) {
        const action = events.find((e) => e.eventId === actionId) as FlagEvent;
        addFlag(into, {
          kind: "action_before_approval",
          eventId: actionId,
          detail: beforeApprovalDetail(record, action),
          evidence: [record.requestedEventId, ...(record.decidedEventId ? [record.decidedEventId] : [])],
        });
      }
    }
    if (records.length) continue;
    const required = events.find(
      (e) => e.type === "policy.evaluated" && e.data.policy?.decision === "require_approval",
    );
    const high = maxAmount(events);
    for (const action of actionsOf(events)) {
      if (required) {
        const policy = required.data.policy;
        addFlag(into, {
          kind: "action_before_approval",
          eventId: action.eventId,
          detail: `Policy ${policy?.id}${policy?.version ? ` v${policy.version}` : ""} required approval, but the action ran without one being requested.`,
          evidence: [required.eventId],
        });
        continue;
      }
      const amount = amountOf(action) ?? high;
      if (amount === undefined || amount <= threshold) continue;
      const source = events.find((e) => amountOf(e) === amount) ?? action;
      addFlag(into, {
        kind: "high_value_without_approval",
        eventId: action.eventId,
        detail: `An action of ${amount.toLocaleString("en-US")} (above ${threshold.toLocaleString("en-US")}) ran without any approval.`,
        evidence: [...new Set([source.eventId, action.eventId])],
      });
    }
  }
}
