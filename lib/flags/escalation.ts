import { addFlag, type FlagEvent, type FlagMap } from "./types";

// A healthy delegation chain narrows scopes at every hop (RFC 8693 token exchange). A hop that
// holds a scope its delegator did not hold gained authority nobody gave it: an escalation.
// Hops that list no scopes are unknown, not empty, so they never flag and never hide one:
// a hop is compared with the nearest earlier hop that lists scopes.

export type Escalation = {
  /** Index of the escalating hop in the chain (0 is the originating human). */
  hopIndex: number;
  /** Index of the delegator it was compared with. */
  delegatorIndex: number;
  /** Scopes the hop held that the delegator did not. */
  scopes: string[];
};

/** Only what the rule reads of a hop, so stored rows and UI shapes fit without casts. */
export type ScopedHop = { id: string; scopes?: readonly string[] };

export function delegationEscalations(hops: readonly ScopedHop[] | undefined): Escalation[] {
  if (!hops || hops.length < 2) return [];
  const found: Escalation[] = [];
  let delegatorIndex = hops[0]?.scopes ? 0 : -1;
  for (let i = 1; i < hops.length; i++) {
    const hop = hops[i] as ScopedHop;
    if (!hop.scopes) continue;
    const delegator = delegatorIndex >= 0 ? hops[delegatorIndex] : undefined;
    if (delegator?.scopes) {
      const held = new Set(delegator.scopes);
      const extra = [...new Set(hop.scopes.filter((scope) => !held.has(scope)))];
      if (extra.length) found.push({ hopIndex: i, delegatorIndex, scopes: extra });
    }
    delegatorIndex = i;
  }
  return found;
}

export function escalationFlags(events: readonly FlagEvent[], into: FlagMap): void {
  for (const event of events) {
    const hops = event.data.delegation;
    for (const escalation of delegationEscalations(hops)) {
      const hop = hops?.[escalation.hopIndex];
      const delegator = hops?.[escalation.delegatorIndex];
      addFlag(into, {
        kind: "delegation_escalation",
        eventId: event.eventId,
        detail: `${hop?.id} holds ${escalation.scopes.join(", ")}, which its delegator ${delegator?.id} did not hold (hop ${escalation.hopIndex} of ${(hops?.length ?? 1) - 1}).`,
        evidence: [event.eventId],
      });
    }
  }
}
