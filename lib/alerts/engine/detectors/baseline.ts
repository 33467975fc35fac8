import { DETECTOR_DEFAULTS, type DetectorRule } from "../../rules/schema";
import type { EngineEvent, EvalContext } from "../types";
import { groupBy, HOUR_MS, hourOf, inScope, MAX_EVIDENCE, maxSeq } from "./common";

// An agent's own history, for the statistical detectors: its events per hour (all types and
// outcomes), read from event_hourly_counts in one statement per batch for every agent and
// hour the batch touches. Hours without a row held no events: they count as zero.

export type AgentHour = { agentId: string; hour: Date };

export type Baseline = {
  /** Events per hour, by hour start in ms; absent hours held none. */
  counts: Map<number, number>;
  countAt(hourMs: number): number;
};

/** The (agent, hour) pairs of the batch's events in scope: what a statistical rule judges. */
export function agentHoursOf(rule: DetectorRule, context: EvalContext): AgentHour[] {
  const withAgent = inScope(rule, context.events).filter((e) => e.agentId);
  const groups = groupBy(withAgent, (e) => `${e.agentId}\n${hourOf(e.time).toISOString()}`);
  return [...groups.values()].map(([first]) => ({
    agentId: (first as EngineEvent).agentId as string,
    hour: hourOf((first as EngineEvent).time),
  }));
}

export function baselineHoursOf(rule: DetectorRule): number {
  return rule.params?.baselineHours ?? DETECTOR_DEFAULTS.baselineHours;
}

const HOURLY = `
  SELECT agent_id, hour, sum(count)::bigint AS n FROM event_hourly_counts
   WHERE tenant_id = $1 AND hour >= $2 AND hour <= $3 AND agent_id = ANY($4::text[])
   GROUP BY agent_id, hour`;

const baselinesOfBatch = new WeakMap<readonly EngineEvent[], Map<number, Promise<Map<string, Baseline>>>>();

/**
 * Hourly counts of every agent in the batch, from `baselineHours` before its earliest hour to
 * its latest hour. Loaded once per batch and baseline length, however many rules ask.
 */
export function loadBaselines(context: EvalContext, baselineHours: number): Promise<Map<string, Baseline>> {
  let byLength = baselinesOfBatch.get(context.events);
  if (!byLength) {
    byLength = new Map();
    baselinesOfBatch.set(context.events, byLength);
  }
  let loaded = byLength.get(baselineHours);
  if (!loaded) {
    loaded = queryBaselines(context, baselineHours);
    byLength.set(baselineHours, loaded);
    // A failed read is not kept: a retry of the same batch reads again.
    loaded.catch(() => byLength.delete(baselineHours));
  }
  return loaded;
}

async function queryBaselines(context: EvalContext, baselineHours: number): Promise<Map<string, Baseline>> {
  const baselines = new Map<string, Baseline>();
  const withAgent = context.events.filter((e) => e.agentId);
  if (withAgent.length === 0) return baselines;
  const hours = withAgent.map((e) => hourOf(e.time).getTime());
  const from = new Date(Math.min(...hours) - baselineHours * HOUR_MS);
  const to = new Date(Math.max(...hours));
  const agents = [...new Set(withAgent.map((e) => e.agentId as string))];
  const { rows } = await context.db.query<{ agent_id: string; hour: Date; n: string }>(HOURLY, [
    context.tenantId,
    from,
    to,
    agents,
  ]);
  for (const agentId of agents) {
    const counts = new Map<number, number>();
    baselines.set(agentId, { counts, countAt: (hourMs) => counts.get(hourMs) ?? 0 });
  }
  for (const row of rows) baselines.get(row.agent_id)?.counts.set(row.hour.getTime(), Number(row.n));
  return baselines;
}

/** The counts of the `baselineHours` hours before `hour`, zeros included, oldest first. */
export function hoursBefore(baseline: Baseline, hour: Date, baselineHours: number): number[] {
  const start = hour.getTime() - baselineHours * HOUR_MS;
  return Array.from({ length: baselineHours }, (_, i) => baseline.countAt(start + i * HOUR_MS));
}

const HOUR_EVENTS = `
  SELECT e.event_id FROM events e
   WHERE e.tenant_id = $1 AND e.agent_id = $2 AND e.time >= $3 AND e.time < $4 AND e.seq <= $5::bigint
   ORDER BY e.time, e.seq LIMIT ${MAX_EVIDENCE}`;

/**
 * The agent's events in the hour, up to this batch (earlier batches included, so the alert
 * shows the whole burst, not only the event that tipped it), oldest first, at most 100.
 */
export async function hourEvidence(context: EvalContext, agentId: string, hour: Date): Promise<string[]> {
  const { rows } = await context.db.query<{ event_id: string }>(HOUR_EVENTS, [
    context.tenantId,
    agentId,
    hour,
    new Date(hour.getTime() + HOUR_MS),
    maxSeq(context.events.map((e) => e.seq)),
  ]);
  return rows.map((row) => row.event_id);
}
