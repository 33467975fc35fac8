import type { DelegationHop } from "../contract/normalize";
import { pool } from "../db";
import type { DateRange } from "../filters/time-range";
import { delegationEscalations, type Escalation } from "../flags/escalation";

// The delegation chains in use over a time range, for the Delegations page. Postgres groups the
// delegated events (delegation_depth >= 2: a human or agent handed authority to at least one
// agent) by their whole stored chain, so each row is one chain *variant*: the same hops with
// the same scopes. Variants are few next to events, so the escalation rule runs on them in
// TypeScript (the same `delegationEscalations` the event detail and the alert rules use, so
// every view agrees), and the per-path, per-human and per-agent views are folded from them.

export type Range = DateRange;

export type ChainPath = {
  /** Stable identity of the path: its hops' type:id, in order. */
  key: string;
  /** The hops with their scopes: an escalating variant when one exists, else the latest. */
  hops: DelegationHop[];
  /** Handoffs in the chain (hops after the originating principal): agent hops for a human root. */
  depth: number;
  events: number;
  lastSeen: Date;
  /** Events on this path whose chain escalates, and the escalations of the hops shown. */
  escalatedEvents: number;
  escalations: Escalation[];
  /** Scope variants folded into this path (the same hops holding different scopes). */
  variants: number;
  exampleCorrelationIds: string[];
  exampleEventId: string;
};

export type Principal = { type: string; id: string; name?: string };

export type HumanDelegations = {
  root: Principal;
  events: number;
  lastSeen: Date;
  /** Keys of the paths rooted here, busiest first. */
  paths: string[];
  escalatedEvents: number;
};

export type AgentDelegations = {
  agent: Principal;
  events: number;
  lastSeen: Date;
  /** For whom it acted and through which delegators (empty `via`: handed authority directly). */
  principals: { root: Principal; via: Principal[]; events: number }[];
};

export type EscalatedEvent = {
  eventId: string;
  time: Date;
  type: string;
  correlationId: string | null;
  hops: DelegationHop[];
  escalations: Escalation[];
};

export type DelegationOverview = {
  events: number;
  escalatedEvents: number;
  paths: ChainPath[];
  humans: HumanDelegations[];
  agents: AgentDelegations[];
  /** Agents that handed authority onward, with the delegated events that passed through them. */
  delegators: { agent: Principal; events: number }[];
  byDepth: { depth: number; paths: number; events: number }[];
  escalations: EscalatedEvent[];
  /** True when the range held more chain variants than are read; the oldest were left out. */
  truncated: boolean;
};

/** Variants read per page; beyond this the page says it shows the most recent ones. */
export const MAX_VARIANTS = 5_000;
export const MAX_ESCALATED_EVENTS = 100;

// Each variant keeps its newest events (ids, times, types, traces): the examples and the
// Escalations list come from them, so the page reads the range once. A variant's newest
// MAX_ESCALATED_EVENTS suffice for the newest MAX_ESCALATED_EVENTS overall.
const NEWEST = "ORDER BY time DESC, seq DESC";
const VARIANTS = `
  SELECT data->'delegation' AS chain, count(*) AS events, max(time) AS last_seen,
    (array_agg(event_id ${NEWEST}))[1:${MAX_ESCALATED_EVENTS}] AS event_ids,
    (array_agg(time ${NEWEST}))[1:${MAX_ESCALATED_EVENTS}] AS times,
    (array_agg(type ${NEWEST}))[1:${MAX_ESCALATED_EVENTS}] AS types,
    (array_agg(correlation_id ${NEWEST}))[1:${MAX_ESCALATED_EVENTS}] AS correlation_ids
  FROM events
  WHERE tenant_id = $1 AND time >= $2 AND time < $3 AND delegation_depth >= 2
  GROUP BY data->'delegation'
  ORDER BY last_seen DESC
  LIMIT ${MAX_VARIANTS + 1}`;

type VariantRow = {
  chain: DelegationHop[];
  events: string;
  last_seen: Date;
  event_ids: string[];
  times: Date[];
  types: string[];
  correlation_ids: (string | null)[];
};

type Variant = {
  chain: DelegationHop[];
  events: number;
  lastSeen: Date;
  newest: { eventId: string; time: Date; type: string; correlationId: string | null }[];
  escalations: Escalation[];
};

const principalOf = (hop: DelegationHop): Principal => ({
  type: hop.type,
  id: hop.id,
  ...(hop.name ? { name: hop.name } : {}),
});
const hopKey = (hop: Principal) => `${hop.type}:${hop.id}`;
export const pathKey = (hops: readonly Principal[]) => hops.map(hopKey).join(" > ");

export async function delegationOverview(tenantId: string, range: Range): Promise<DelegationOverview> {
  const { rows } = await pool().query<VariantRow>(VARIANTS, [tenantId, range.from, range.to]);
  const truncated = rows.length > MAX_VARIANTS;
  const variants: Variant[] = rows.slice(0, MAX_VARIANTS).map((row) => ({
    chain: row.chain,
    events: Number(row.events),
    lastSeen: row.last_seen,
    newest: row.event_ids.map((eventId, i) => ({
      eventId,
      time: row.times[i] as Date,
      type: row.types[i] as string,
      correlationId: row.correlation_ids[i] ?? null,
    })),
    escalations: delegationEscalations(row.chain),
  }));
  const escalating = variants.filter((v) => v.escalations.length > 0);
  const paths = foldPaths(variants);
  return {
    events: variants.reduce((n, v) => n + v.events, 0),
    escalatedEvents: escalating.reduce((n, v) => n + v.events, 0),
    paths,
    humans: foldHumans(paths),
    agents: foldAgents(paths),
    delegators: foldDelegators(paths),
    byDepth: foldDepths(paths),
    escalations: escalating
      .flatMap((v) => v.newest.map((event) => ({ ...event, hops: v.chain, escalations: v.escalations })))
      .sort((a, b) => b.time.getTime() - a.time.getTime() || b.eventId.localeCompare(a.eventId))
      .slice(0, MAX_ESCALATED_EVENTS),
    truncated,
  };
}

const EXAMPLES = 3;

function foldPaths(variants: readonly Variant[]): ChainPath[] {
  const byKey = new Map<string, ChainPath & { shown: Variant }>();
  // Newest variant first (the query's order), so a path's first variant is its latest.
  for (const variant of variants) {
    const key = pathKey(variant.chain);
    const path = byKey.get(key);
    const escalatedEvents = variant.escalations.length ? variant.events : 0;
    if (!path) {
      byKey.set(key, {
        key,
        hops: variant.chain,
        depth: variant.chain.length - 1,
        events: variant.events,
        lastSeen: variant.lastSeen,
        escalatedEvents,
        escalations: variant.escalations,
        variants: 1,
        exampleCorrelationIds: [],
        exampleEventId: variant.newest[0]?.eventId ?? "",
        shown: variant,
      });
      addExamples(byKey.get(key) as ChainPath, variant);
      continue;
    }
    path.events += variant.events;
    path.escalatedEvents += escalatedEvents;
    path.variants += 1;
    addExamples(path, variant);
    // Show the escalation when the path has one: it is what an investigator came for.
    if (variant.escalations.length && !path.shown.escalations.length) {
      path.shown = variant;
      path.hops = variant.chain;
      path.escalations = variant.escalations;
    }
  }
  return [...byKey.values()]
    .map(({ shown: _shown, ...path }) => path)
    .sort((a, b) => b.events - a.events || b.lastSeen.getTime() - a.lastSeen.getTime() || a.key.localeCompare(b.key));
}

function addExamples(path: ChainPath, variant: Variant): void {
  for (const { correlationId } of variant.newest) {
    if (path.exampleCorrelationIds.length >= EXAMPLES) return;
    if (correlationId && !path.exampleCorrelationIds.includes(correlationId))
      path.exampleCorrelationIds.push(correlationId);
  }
}

function foldHumans(paths: readonly ChainPath[]): HumanDelegations[] {
  const byRoot = new Map<string, HumanDelegations>();
  for (const path of paths) {
    const root = path.hops[0] as DelegationHop;
    const key = hopKey(root);
    const entry = byRoot.get(key);
    if (!entry) {
      byRoot.set(key, {
        root: principalOf(root),
        events: path.events,
        lastSeen: path.lastSeen,
        paths: [path.key],
        escalatedEvents: path.escalatedEvents,
      });
      continue;
    }
    entry.events += path.events;
    entry.escalatedEvents += path.escalatedEvents;
    if (path.lastSeen > entry.lastSeen) entry.lastSeen = path.lastSeen;
    entry.paths.push(path.key);
  }
  return [...byRoot.values()].sort((a, b) => b.events - a.events || a.root.id.localeCompare(b.root.id));
}

function foldAgents(paths: readonly ChainPath[]): AgentDelegations[] {
  const byAgent = new Map<string, AgentDelegations & { seen: Map<string, { events: number }> }>();
  for (const path of paths) {
    const root = principalOf(path.hops[0] as DelegationHop);
    path.hops.forEach((hop, index) => {
      if (index === 0) return;
      const key = hopKey(hop);
      let entry = byAgent.get(key);
      if (!entry) {
        entry = { agent: principalOf(hop), events: 0, lastSeen: path.lastSeen, principals: [], seen: new Map() };
        byAgent.set(key, entry);
      }
      entry.events += path.events;
      if (path.lastSeen > entry.lastSeen) entry.lastSeen = path.lastSeen;
      const via = path.hops.slice(1, index).map(principalOf);
      const viaKey = `${hopKey(root)} | ${pathKey(via)}`;
      const known = entry.seen.get(viaKey);
      if (known) known.events += path.events;
      else {
        const item = { root, via, events: path.events };
        entry.seen.set(viaKey, item);
        entry.principals.push(item);
      }
    });
  }
  return [...byAgent.values()]
    .map(({ seen: _seen, ...agent }) => ({
      ...agent,
      principals: agent.principals.sort((a, b) => b.events - a.events || a.root.id.localeCompare(b.root.id)),
    }))
    .sort((a, b) => b.events - a.events || a.agent.id.localeCompare(b.agent.id));
}

function foldDelegators(paths: readonly ChainPath[]): { agent: Principal; events: number }[] {
  const byAgent = new Map<string, { agent: Principal; events: number }>();
  for (const path of paths) {
    // Hops strictly between the root and the actor handed authority onward. A principal that
    // appears twice in one chain counts once for it.
    const onward = new Map(path.hops.slice(1, -1).map((hop) => [hopKey(hop), hop]));
    for (const [key, hop] of onward) {
      const entry = byAgent.get(key) ?? { agent: principalOf(hop), events: 0 };
      entry.events += path.events;
      byAgent.set(key, entry);
    }
  }
  return [...byAgent.values()].sort((a, b) => b.events - a.events || a.agent.id.localeCompare(b.agent.id));
}

function foldDepths(paths: readonly ChainPath[]): { depth: number; paths: number; events: number }[] {
  const byDepth = new Map<number, { depth: number; paths: number; events: number }>();
  for (const path of paths) {
    const entry = byDepth.get(path.depth) ?? { depth: path.depth, paths: 0, events: 0 };
    entry.paths += 1;
    entry.events += path.events;
    byDepth.set(path.depth, entry);
  }
  return [...byDepth.values()].sort((a, b) => a.depth - b.depth);
}
