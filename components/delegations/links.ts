import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import type { Principal } from "@/lib/queries/delegations";

// Where the Delegations page links to: a trace (by correlation id), one event, and the explorer
// narrowed to what a chain's actor did for its human (the explorer has no chain filter, so
// this is the closest shareable view, and the link says so).

export const traceHref = (correlationId: string) => `/traces/${encodeURIComponent(correlationId)}`;
export const eventHref = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

export function chainExplorerHref(range: TimeRange, hops: readonly Principal[]): string {
  const root = hops[0];
  const actor = hops[hops.length - 1];
  return explorerHref({
    range,
    ...(actor ? { agent: actor.id } : {}),
    ...(root?.type === "user" ? { onBehalfOf: root.id } : {}),
  });
}

export const principalLabel = (principal: Principal) => principal.name ?? principal.id;

/** "Alice → Ops Planner → Sales Researcher": a chain as one line of names. */
export const chainText = (hops: readonly Principal[]) => hops.map(principalLabel).join(" → ");

export const formatTime = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const count = (n: number) => n.toLocaleString("en-US");
