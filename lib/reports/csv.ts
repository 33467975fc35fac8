import { stringify } from "csv-stringify/sync";
import type { EvidenceRow } from "./evidence";

// The evidence as CSV, one row per event, with the fields an auditor asks for (PCI DSS 10.2.2:
// user identification, type, date and time, success or failure, origination, affected component).

export const CSV_COLUMNS = [
  "category",
  "seq",
  "event_id",
  "time_utc",
  "received_at_utc",
  "type",
  "outcome",
  "reason",
  "actor",
  "actor_name",
  "on_behalf_of",
  "session",
  "client_id",
  "delegation_chain",
  "origin_ip",
  "origin_service",
  "target",
  "resource",
  "scopes",
  "policy",
  "policy_decision",
  "correlation_id",
  "trace_id",
  "consent_finding",
  "chain_hash",
] as const;

/** Spreadsheets run cells that start with these as formulas; a leading quote makes them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

export function csvRows(rows: EvidenceRow[]): string {
  return stringify(rows.map(csvCells));
}

function csvCells(r: EvidenceRow): string[] {
  const d = r.data;
  const cells: (string | null | undefined)[] = [
    r.category,
    r.seq,
    r.eventId,
    r.time.toISOString(),
    r.receivedAt.toISOString(),
    r.type,
    r.outcome,
    d.reason,
    `${r.actorType}:${r.actorId}`,
    d.actor?.name,
    r.onBehalfOfId,
    r.sessionKey,
    r.clientId,
    d.delegation?.map((h) => h.id).join(" > "),
    d.source?.ip,
    d.source?.service,
    r.targetType ? `${r.targetType}:${r.targetId ?? ""}` : null,
    d.resource,
    d.scopes?.join(" "),
    d.policy ? `${d.policy.id}${d.policy.version ? `@${d.policy.version}` : ""}` : null,
    r.policyDecision,
    r.correlationId,
    r.traceId,
    r.consentFinding,
    r.chainHash?.toString("hex"),
  ];
  return cells.map((c) => neutralizeFormula(c ?? ""));
}
