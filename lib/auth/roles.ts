// Roles and what each may do. The server checks these on every page, route and action;
// the UI only hides what a role cannot do, it never grants anything.
export const ROLES = ["admin", "analyst", "auditor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read events, agents, traces, consents: every role. */
  "data:read": ["admin", "analyst", "auditor", "viewer"],
  /** Acknowledge, assign and resolve alerts. */
  "alerts:handle": ["admin", "analyst"],
  /** Create, edit, enable, disable and restore alert rules. */
  "rules:manage": ["admin", "analyst"],
  /** Export compliance reports and read the dashboard's own audit trail. */
  "reports:export": ["admin", "auditor"],
  /** See the dashboard's own audit trail (x-attest.* events) in the explorer and event APIs. */
  "audit:read": ["admin", "auditor"],
  /** Run an integrity verification of the tenant's hash chain (reading results is data:read). */
  "integrity:verify": ["admin", "auditor"],
  /** Suspend and unsuspend agents. */
  "agents:manage": ["admin"],
  /** Members, roles, ingest keys and settings. */
  "settings:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
