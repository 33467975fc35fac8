import { log } from "../log";
import { type ClientInfo, cliActor, cliAttributes, clientInfo, userActor } from "./actors";
import { recordSelfAudit, type SelfAuditActor, type SelfAuditEntry } from "./record";

// Recording an action that has already happened. The action (a key created, a member removed)
// is committed before its x-attest.* event is stored, in a separate transaction: the audit
// event goes through the ingest pipeline, which takes the tenant's sequence lock. If storing it
// fails, the action is not undone (a created key's secret is shown only in this response, and
// an un-revoke would be worse than a missing record); the failure is logged at error level with
// everything needed to reconstruct the event, and the caller's response still succeeds.
// Sign-in is the exception: it fails closed (lib/auth/sign-in-audit.ts).

export type AuditDetails = Omit<SelfAuditEntry, "actor">;

/** Records `entry`; never throws. Returns the event id, or null when it could not be stored. */
export async function recordAfterAction(tenantId: string, entry: SelfAuditEntry): Promise<string | null> {
  try {
    return await recordSelfAudit(tenantId, entry);
  } catch (error) {
    log.error(
      { err: error, tenantId, audit: { type: entry.type, actor: entry.actor, target: entry.target } },
      "self-audit event was not stored; the action itself already happened",
    );
    return null;
  }
}

type SessionAuth = { tenant: { id: string }; user: { email: string; name: string | null } };

/** For route handlers with a dashboard session: the signed-in user, their address and browser. */
export function auditSessionAction(auth: SessionAuth, request: Request, details: AuditDetails) {
  return recordAfterAction(auth.tenant.id, withClient(details, userActor(auth.user), clientInfo(request.headers)));
}

export function withClient(details: AuditDetails, actor: SelfAuditActor, client: ClientInfo): SelfAuditEntry {
  const attributes = { ...details.attributes, ...client };
  return { ...details, actor, ...(Object.keys(attributes).length ? { attributes } : {}) };
}

/** For the `attest` CLI: the service actor `attest-cli`, and the OS user who ran it. */
export function auditCliAction(tenantId: string, details: AuditDetails) {
  return recordAfterAction(tenantId, withClient(details, cliActor(), cliAttributes()));
}
