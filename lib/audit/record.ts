import { randomUUID } from "node:crypto";
import { ingestEvents } from "../ingest";

// The dashboard's own audit trail: what people (and API tokens) did in Attest itself, recorded
// as `x-attest.*` events in the tenant's event stream through the same ingest path as every
// sender, so they are sequenced and hash-chained like any other event.

export type SelfAuditActor =
  | { type: "user"; id: string; name?: string | null }
  | { type: "service"; id: string; name?: string | null };

export type SelfAuditEntry = {
  /** `x-attest.<area>.<action>`, e.g. `x-attest.export.requested`. */
  type: `x-attest.${string}`;
  actor: SelfAuditActor;
  outcome?: "success" | "failure";
  target?: { type: string; id: string; name?: string };
  reason?: string;
  attributes?: Record<string, unknown>;
};

/** Stores one self-audit event for the tenant; throws if it was not stored. Returns its id. */
export async function recordSelfAudit(tenantId: string, entry: SelfAuditEntry): Promise<string> {
  const id = `attest-dashboard:${randomUUID()}`;
  const { name, ...actor } = entry.actor;
  const result = await ingestEvents(
    tenantId,
    [
      {
        id,
        type: entry.type,
        time: new Date().toISOString(),
        outcome: entry.outcome ?? "success",
        actor: { ...actor, ...(name ? { name } : {}) },
        ...(entry.target ? { target: entry.target } : {}),
        ...(entry.reason ? { reason: entry.reason } : {}),
        source: { service: "attest-dashboard" },
        ...(entry.attributes ? { attributes: entry.attributes } : {}),
      },
    ],
    { allowReservedTypes: true },
  );
  if (result.accepted !== 1) {
    const errors = result.rejected.flatMap((r) => r.errors.map((e) => `${e.path} ${e.message}`)).join("; ");
    throw new Error(`self-audit event ${entry.type} was not stored: ${errors || "duplicate id"}`);
  }
  return id;
}
