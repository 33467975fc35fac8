import { flagsForEvents } from "../flags/load";
import type { FlagMap } from "../flags/types";
import { type TraceEvent, type TraceEvents, traceEvents } from "../queries/trace";
import { principalName } from "./people";
import { traceStory } from "./story";
import { type LegendEntry, systemsLegend } from "./systems";
import { buildWaterfall, type Waterfall } from "./waterfall";

// Everything the trace page shows, read once: the events, their findings, the waterfall, the
// story sentence and the facts of the header. The route only renders it.

export type TraceActor = { id: string; type: string; name: string | undefined; events: number };

export type TraceView = {
  id: string;
  events: TraceEvent[];
  capped: boolean;
  flags: FlagMap;
  flagCount: number;
  waterfall: Waterfall<TraceEvent>;
  story: string;
  legend: LegendEntry[];
  correlationIds: string[];
  traceIds: string[];
  sessionKeys: string[];
  actors: TraceActor[];
  start: Date;
  end: Date;
};

function distinct(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/** Actors, then the humans they acted for and the agents between: everyone with a part in it. */
function actorsOf(events: readonly TraceEvent[]): TraceActor[] {
  const found = new Map<string, TraceActor>();
  const note = (type: string, id: string, name: string | undefined, acted: boolean) => {
    const key = `${type}:${id}`;
    const known = found.get(key);
    if (known) {
      known.name ??= name;
      if (acted) known.events += 1;
    } else found.set(key, { id, type, name, events: acted ? 1 : 0 });
  };
  for (const event of events) {
    const actor = event.data.actor;
    note(event.actorType, event.actorId, actor ? principalName(actor) : undefined, true);
  }
  for (const event of events) {
    const { onBehalfOf, delegation } = event.data;
    if (onBehalfOf) note(onBehalfOf.type, onBehalfOf.id, principalName(onBehalfOf), false);
    for (const hop of delegation ?? []) note(hop.type, hop.id, principalName(hop), false);
  }
  return [...found.values()].map((actor) => ({
    ...actor,
    name: actor.name && actor.name !== actor.id ? actor.name : undefined,
  }));
}

/** The id from the URL segment, decoded once (correlation ids may hold ":" or "/"). */
export function traceIdFromParam(value: string): string {
  try {
    return decodeURIComponent(value).trim();
  } catch {
    return value.trim();
  }
}

/** The page's view of a trace whose events are already read (empty events: null). */
export async function buildTraceView(tenantId: string, id: string, found: TraceEvents): Promise<TraceView | null> {
  const { events, capped } = found;
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return null;
  const flags = await flagsForEvents(tenantId, events);
  let flagCount = 0;
  for (const list of flags.values()) flagCount += list.length;
  return {
    id,
    events,
    capped,
    flags,
    flagCount,
    waterfall: buildWaterfall(events),
    story: traceStory(events),
    legend: systemsLegend(events),
    correlationIds: distinct(events.map((e) => e.correlationId)),
    traceIds: distinct(events.map((e) => e.traceId)),
    sessionKeys: distinct(events.map((e) => e.sessionKey)),
    actors: actorsOf(events),
    start: first.time,
    end: last.time,
  };
}

/** The trace of `id` in the tenant, or null when the tenant has no event carrying it. */
export async function loadTraceView(tenantId: string, id: string): Promise<TraceView | null> {
  return buildTraceView(tenantId, id, await traceEvents(tenantId, id));
}
