import { randomBytes } from "node:crypto";
import type { Role } from "../auth/roles";
import { pool } from "../db";
import { createTenant } from "../tenants";
import { createUser, setMembership } from "../users";

// Test helpers for the self-audit tests: people with roles in a fresh tenant, and the
// x-attest.* events stored for a tenant, read straight from the events table.

export const unique = () => randomBytes(4).toString("hex");

export async function tenantWithPeople(label: string, roles: Role[] = ["admin", "analyst", "auditor", "viewer"]) {
  const tenant = await createTenant(`${label}-${unique()}`);
  const people = {} as Record<Role, { id: string; email: string; name: string | null }>;
  const passwords: Partial<Record<Role, string>> = {};
  for (const role of roles) {
    const password = `pw-${role}-${unique()}-long-enough`;
    const user = await createUser({ email: `${role}-${unique()}@audit.attest.test`, name: `Test ${role}`, password });
    await setMembership(tenant.id, user.id, role);
    people[role] = { id: user.id, email: user.email, name: user.name };
    passwords[role] = password;
  }
  return { tenant, people, passwords };
}

export type StoredAuditEvent = {
  seq: string;
  event_id: string;
  type: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
  target_type: string | null;
  target_id: string | null;
  chain_hash: Buffer | null;
  data: {
    actor: { name?: string };
    target?: { name?: string };
    reason?: string;
    source?: { service?: string };
    attributes?: Record<string, unknown>;
  };
};

export async function auditEvents(tenantId: string, type?: string): Promise<StoredAuditEvent[]> {
  const { rows } = await pool().query<StoredAuditEvent>(
    `SELECT seq, event_id, type, outcome, actor_type, actor_id, target_type, target_id, chain_hash, data
       FROM events WHERE tenant_id = $1 AND type LIKE 'x-attest.%' ${type ? "AND type = $2" : ""} ORDER BY seq`,
    type ? [tenantId, type] : [tenantId],
  );
  return rows;
}
