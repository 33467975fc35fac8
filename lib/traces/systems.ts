// Which system reported an event. The kind follows the event type's family (the contract's
// catalogue groups types by the component that observes them); the name is the sender's own
// `source.service` when it gave one ("okta", "auth-server", "mcp.payments.northwind.example").

export const SYSTEM_KINDS = ["identity", "authorization", "mcp", "policy", "approvals", "downstream", "other"] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const SYSTEM_LABELS: Record<SystemKind, string> = {
  identity: "Identity provider",
  authorization: "Authorization server",
  mcp: "MCP server",
  policy: "Policy engine",
  approvals: "Approvals",
  downstream: "Downstream API",
  other: "Other",
};

const PREFIXES: [string, SystemKind][] = [
  ["auth.", "identity"],
  ["client.", "authorization"],
  ["consent.", "authorization"],
  ["token.", "authorization"],
  ["agent.", "authorization"],
  ["mcp.", "mcp"],
  ["policy.", "policy"],
  ["approval.", "approvals"],
  ["downstream.", "downstream"],
];

export function systemKindOf(type: string): SystemKind {
  for (const [prefix, kind] of PREFIXES) if (type.startsWith(prefix)) return kind;
  return "other";
}

export type System = { kind: SystemKind; label: string; name: string };

type SystemEvent = { type: string; data: { source?: { service?: string } } };

export function systemOf(event: SystemEvent): System {
  const kind = systemKindOf(event.type);
  const label = SYSTEM_LABELS[kind];
  const service = event.data.source?.service?.trim();
  return { kind, label, name: service || label };
}

export type LegendEntry = { kind: SystemKind; label: string; services: string[]; events: number };

/** The systems present in a trace, in the catalogue's order, with the service names seen. */
export function systemsLegend(events: readonly SystemEvent[]): LegendEntry[] {
  const byKind = new Map<SystemKind, { services: Set<string>; events: number }>();
  for (const event of events) {
    const system = systemOf(event);
    const entry = byKind.get(system.kind) ?? { services: new Set<string>(), events: 0 };
    entry.events += 1;
    if (system.name !== system.label) entry.services.add(system.name);
    byKind.set(system.kind, entry);
  }
  return SYSTEM_KINDS.flatMap((kind) => {
    const entry = byKind.get(kind);
    return entry
      ? [{ kind, label: SYSTEM_LABELS[kind], services: [...entry.services].sort(), events: entry.events }]
      : [];
  });
}
