import type { DetectorRule } from "../../rules/schema";
import { type Candidate, type EngineEvent, matches } from "../types";

// What every detector shares: the rule's scope, bounded evidence, hour arithmetic, and one
// way to build a candidate, so every alert carries the rule id and at most 100 evidence ids.

export const MAX_EVIDENCE = 100;
export const HOUR_MS = 3_600_000;

/** The batch events the rule's scope (agents, users, tools) lets through. */
export function inScope(rule: DetectorRule, events: readonly EngineEvent[]): EngineEvent[] {
  return rule.scope ? events.filter((event) => matches(event, undefined, rule.scope)) : [...events];
}

export function hourOf(time: Date): Date {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}

/** Who did it, for sentences: the agent, else the actor. */
export const actorOf = (event: EngineEvent) => event.agentId ?? event.actorId;

/** "mcp.tool.called stripe.refund": the use, with its target when it has one. */
export const describeUse = (event: EngineEvent) => `${event.type}${event.targetId ? ` ${event.targetId}` : ""}`;

/** Groups events by a key, keeping batch (seq) order within each group. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

type CandidateFields = Omit<Candidate, "ruleId" | "evidenceIds"> & { evidenceIds: readonly string[] };

export function candidate(rule: DetectorRule, fields: CandidateFields): Candidate {
  return { ...fields, ruleId: rule.id, evidenceIds: [...new Set(fields.evidenceIds)].slice(0, MAX_EVIDENCE) };
}

/** The smallest of some seqs (decimal strings: bigint in Postgres, beyond a double's precision). */
export const minSeq = (seqs: readonly string[]) => seqs.reduce((a, b) => (BigInt(b) < BigInt(a) ? b : a));
/** The largest of some seqs. */
export const maxSeq = (seqs: readonly string[]) => seqs.reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a), "0");

/** Rounds for display in explanations (the inbox shows these numbers). */
export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
