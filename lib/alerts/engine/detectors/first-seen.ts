import type { DetectorRule } from "../../rules/schema";
import type { Candidate, EngineEvent, EvalContext } from "../types";
import { candidate, groupBy, inScope, minSeq } from "./common";

// A new agent or OAuth client: an id with no event before its first event in this batch (by
// seq), or a client.registered / agent.registered event (DCR, a CIMD fetch, or an
// administrator). One alert per agent or client, ever: the window is "first-seen".
//
// "Before" is by seq, which is gap-free and equals commit order, so it is exact and cheap:
// - agents: the (tenant_id, agent_id, time) index, looking for any event with a smaller seq;
// - clients, which have no events index: the registry's event_count (kept in the ingest
//   transaction) minus the events from that seq on, read from the primary key's seq range
//   (short: what evaluation has not passed yet). Nothing left means nothing before.
// Each is one statement per batch, however many ids it holds. Batches need not be contiguous
// (a "test this rule" replay reads a time range), since each id is judged from its own seq.

// LATERAL … LIMIT 1 keeps the plan an index probe per id; a plain NOT EXISTS over many ids
// lets the planner hash-join the tenant's whole events table instead.
const UNSEEN_AGENTS = `
  SELECT a.id FROM unnest($2::text[], $3::bigint[]) AS a(id, seq)
    LEFT JOIN LATERAL (
      SELECT 1 AS hit FROM events e WHERE e.tenant_id = $1 AND e.agent_id = a.id AND e.seq < a.seq LIMIT 1) earlier ON true
   WHERE earlier.hit IS NULL`;

// One statement, so the registry and the events are read from the same snapshot.
const UNSEEN_CLIENTS = `
  WITH c AS (SELECT * FROM unnest($2::text[], $3::bigint[]) AS c(id, seq)),
  recent AS MATERIALIZED (
    SELECT e.client_id, e.seq FROM events e
     WHERE e.tenant_id = $1 AND e.seq >= $4::bigint AND e.client_id = ANY($2::text[])),
  since AS (
    SELECT c.id, count(r.seq) AS n FROM c LEFT JOIN recent r ON r.client_id = c.id AND r.seq >= c.seq GROUP BY c.id)
  SELECT s.id FROM since s LEFT JOIN oauth_clients o ON o.tenant_id = $1 AND o.client_id = s.id
   WHERE COALESCE(o.event_count, 0) <= s.n`;

type Newcomer = { kind: "agent" | "client"; id: string; event: EngineEvent; how: "first_event" | "registered" };

/** The registered id of a client.registered / agent.registered event. */
function registeredBy(event: EngineEvent): Newcomer | null {
  if (event.type === "client.registered") {
    const id = event.data.client?.id ?? (event.targetType === "client" ? event.targetId : null);
    return id ? { kind: "client", id, event, how: "registered" } : null;
  }
  if (event.type === "agent.registered" && event.targetType === "agent" && event.targetId)
    return { kind: "agent", id: event.targetId, event, how: "registered" };
  return null;
}

/** Of these ids, each with its first event here, those with no event before that one. */
async function unseen(context: EvalContext, kind: Newcomer["kind"], firsts: [string, EngineEvent][]) {
  if (firsts.length === 0) return new Set<string>();
  const seqs = firsts.map(([, event]) => event.seq);
  const ids = firsts.map(([id]) => id);
  const { rows } =
    kind === "agent"
      ? await context.db.query<{ id: string }>(UNSEEN_AGENTS, [context.tenantId, ids, seqs])
      : await context.db.query<{ id: string }>(UNSEEN_CLIENTS, [context.tenantId, ids, seqs, minSeq(seqs)]);
  return new Set(rows.map((row) => row.id));
}

function describeNewcomer({ kind, id, event, how }: Newcomer): Pick<Candidate, "summary" | "explanation"> {
  const client = event.data.client;
  const registration = client?.registration ?? null;
  const attributes = event.data.attributes ?? {};
  const via = registration ? ` (${registration})` : "";
  const summary =
    how === "registered"
      ? `New ${kind} ${id} registered by ${event.actorId}${via}`
      : `New ${kind} ${id} first seen: ${event.type}${event.targetId ? ` ${event.targetId}` : ""}${via}`;
  return {
    summary,
    explanation: {
      kind,
      id,
      how,
      eventType: event.type,
      registration,
      registrationDetail: typeof attributes.registration === "string" ? attributes.registration : null,
      clientName: client?.name ?? null,
      clientKind: client?.kind ?? null,
      agent: event.agentId,
      actor: `${event.actorType}:${event.actorId}`,
    },
  };
}

export async function newAgentOrClient(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  const events = inScope(rule, context.events);
  // The first event of each id here is the only one that can be its first ever.
  const firstOf = (idOf: (e: EngineEvent) => string | null) =>
    [...groupBy(events, idOf).entries()].map(([id, list]) => [id, list[0] as EngineEvent] as [string, EngineEvent]);
  const firstOfAgent = firstOf((e) => e.agentId);
  const firstOfClient = firstOf((e) => e.clientId);
  const agents = await unseen(context, "agent", firstOfAgent);
  const clients = await unseen(context, "client", firstOfClient);
  const newcomers: Newcomer[] = events.flatMap((event) => registeredBy(event) ?? []);
  for (const [id, event] of firstOfAgent)
    if (agents.has(id)) newcomers.push({ kind: "agent", id, event, how: "first_event" });
  for (const [id, event] of firstOfClient)
    if (clients.has(id)) newcomers.push({ kind: "client", id, event, how: "first_event" });

  // A registration and the first use of the same id in one batch make one alert: the registration.
  const byKey = groupBy(newcomers, (n) => `${n.kind}:${n.id}`);
  return [...byKey.entries()].map(([groupKey, list]) => {
    const chosen = list.find((n) => n.how === "registered") ?? (list[0] as Newcomer);
    return candidate(rule, {
      groupKey,
      windowKey: "first-seen",
      windowStart: chosen.event.time,
      windowEnd: chosen.event.time,
      ...describeNewcomer(chosen),
      evidenceIds: list.map((n) => n.event.eventId),
    });
  });
}
