import { can, type Role } from "../auth/roles";
import type { EventVisibility } from "../queries/events-sql";

/** What a role may see of the event stream: x-attest.* events only with audit:read. */
export function eventVisibility(role: Role): EventVisibility {
  return { selfAudit: can(role, "audit:read") };
}

/** The explorer's "Dashboard audit trail" filter: every x-attest.* event. */
export const SELF_AUDIT_TYPE_FILTER = "x-attest.*";
