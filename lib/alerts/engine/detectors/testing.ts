import { expect } from "vitest";
import { pool } from "../../../db";
import { postEvents } from "../../../testing/fixtures";
import type { DETECTORS, DetectorRule } from "../../rules/schema";
import { eventsAfterSeq } from "../events";
import type { Candidate, EngineEvent } from "../types";
import { detectorEvaluator } from "./index";

// Test support for the detector tests: rules, ingest through the real collector, and an
// evaluation of a batch exactly as the engine would run it, done twice to prove a retry of
// the same batch raises the same candidates.

export const NOW = new Date("2026-11-21T00:00:00.000Z");

export function detectorRule(
  detector: (typeof DETECTORS)[number],
  extra: Partial<Pick<DetectorRule, "scope" | "params">> = {},
): DetectorRule {
  return {
    id: detector.replaceAll("_", "-"),
    name: detector,
    severity: "high",
    enabled: true,
    notify: [],
    kind: "detector",
    detector,
    ...extra,
  };
}

/** Posts events through the collector in requests of at most 1,000; fails the test on any rejection. */
export async function ingest(key: string, events: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1_000) {
    const response = await postEvents(key, events.slice(i, i + 1_000));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
}

/** The tenant's latest seq: evaluate "after" it to make only later events the batch. */
export async function currentSeq(tenantId: string): Promise<bigint> {
  const { rows } = await pool().query<{ event_seq: string }>("SELECT event_seq FROM tenants WHERE id = $1", [tenantId]);
  return BigInt(rows[0]?.event_seq ?? 0);
}

type BatchBounds = { after?: bigint; upTo?: bigint };

async function evaluateOnce(rule: DetectorRule, tenantId: string, bounds: BatchBounds): Promise<Candidate[]> {
  const db = await pool().connect();
  try {
    const read = await eventsAfterSeq(db, tenantId, bounds.after ?? 0n, 10_000);
    const upTo = bounds.upTo;
    const events: EngineEvent[] = upTo === undefined ? read : read.filter((e) => BigInt(e.seq) <= upTo);
    return await detectorEvaluator(rule, { tenantId, events, now: NOW, db });
  } finally {
    db.release();
  }
}

/**
 * Evaluates the batch of events with seq in (after, upTo] twice, as a retry would, checks
 * both runs agree, and returns the candidates sorted by group and window.
 */
export async function evaluate(rule: DetectorRule, tenantId: string, bounds: BatchBounds = {}): Promise<Candidate[]> {
  const first = await evaluateOnce(rule, tenantId, bounds);
  const again = await evaluateOnce(rule, tenantId, bounds);
  expect(again).toEqual(first);
  const order = (c: Candidate) => `${c.groupKey}\n${c.windowKey}`;
  return first.sort((a, b) => order(a).localeCompare(order(b)));
}

/** "group | window" of each candidate: what exactly-once is keyed on. */
export const keysOf = (candidates: Candidate[]) => candidates.map((c) => `${c.groupKey} | ${c.windowKey}`);
