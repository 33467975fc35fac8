import type { DemoAgent } from "./cast";
import { delegatedRequest, everydayRequest, pickUser, revokeConsent } from "./flows-requests";
import { EventHeap } from "./heap";
import { randomRejection, SCENARIOS } from "./scenarios";
import { Timeline } from "./timeline";
import type { DemoEvent, DemoOptions } from "./types";
import { World } from "./world";

// The demo traffic generator: a seeded company whose agents, people and services produce
// coherent requests over a time window. Same options ⇒ byte-identical events. Events are
// yielded in time order from a small heap, so millions can stream without being held.

const DAY = 24 * 60 * 60 * 1000;
// Requests start no later than this before `now`, so approvals decided minutes later still fit.
const TAIL_MS = 45 * 60 * 1000;
// Requests start in order; an event may precede its request's start by a few ms at most.
const FLUSH_MARGIN_MS = 1_000;
const EVENTS_PER_REQUEST = 6;

export const DEFAULT_DEMO_EVENTS = 3_000;

export function resolveNow(now: DemoOptions["now"]): number {
  if (now === undefined) return Math.floor(Date.now() / 60_000) * 60_000;
  const ms = now instanceof Date ? now.getTime() : typeof now === "number" ? now : Date.parse(now);
  if (!Number.isFinite(ms)) throw new Error(`invalid "now": ${String(now)}`);
  return ms;
}

/** Streams `count` events in time order. */
export function* streamDemoEvents(options: DemoOptions): Generator<DemoEvent> {
  const count = options.count ?? DEFAULT_DEMO_EVENTS;
  if (!Number.isInteger(options.seed) || options.seed < 0) throw new Error("seed must be a non-negative integer");
  if (!Number.isInteger(count) || count < 0) throw new Error("count must be a non-negative integer");
  const nowMs = resolveNow(options.now);
  const days = options.days ?? 7;
  const timeline = new Timeline(nowMs - days * DAY, nowMs - TAIL_MS);
  const world = new World(options.seed, options.tenant ?? "demo");
  const heap = new EventHeap();
  const meanGap = (timeline.endMs - timeline.startMs) / Math.max(1, count / EVENTS_PER_REQUEST);
  let cursor = timeline.startMs;
  let nextScenario = 0;
  let yielded = 0;

  while (world.generated < count) {
    const progress = world.generated / count;
    const t = Math.round(Math.max(cursor + 1, timeline.at(progress) + world.random.float() * meanGap * 0.5));
    cursor = t;
    const scenario = SCENARIOS[nextScenario];
    if (scenario && progress >= scenario.at) {
      scenario.run(world, t);
      nextScenario++;
    } else {
      randomRequest(world, timeline, progress, t);
    }
    for (const item of world.drain()) heap.push(item);
    while (yielded < count && (heap.peek()?.ms ?? Number.POSITIVE_INFINITY) < t - FLUSH_MARGIN_MS) {
      yield (heap.pop() as { event: DemoEvent }).event;
      yielded++;
    }
  }
  while (yielded < count && heap.size > 0) {
    yield (heap.pop() as { event: DemoEvent }).event;
    yielded++;
  }
}

function randomRequest(world: World, timeline: Timeline, progress: number, t: number): void {
  const r = world.random;
  const night = timeline.isNight(t);
  const eligible = world.cast.agents.filter((a) => a.introducedAt <= progress && !world.suspended.has(a.id));
  // Scheduled jobs run at night; people and their agents work by day.
  const agent = r.weighted(
    eligible.map((a): [DemoAgent, number] => [
      a,
      a.weight * (a.kind === "service" ? (night ? 8 : 0.5) : night ? 0.3 : 1),
    ]),
  );
  const roll = r.float();
  if (agent.delegatesTo && roll < 0.35) {
    delegatedRequest(world, agent, t);
  } else if (roll > 0.996 && agent.kind === "ai_agent") {
    const user = pickUser(world, agent);
    if (!revokeConsent(world, user, agent, t)) everydayRequest(world, agent, t);
  } else if (roll > 0.985 && agent.kind === "ai_agent") {
    randomRejection(world, agent, t);
  } else {
    everydayRequest(world, agent, t);
  }
}

/** The whole demo data set, sorted by time. For large counts use `generateDemoBatches`. */
export function generateDemoEvents(options: DemoOptions): DemoEvent[] {
  return [...streamDemoEvents(options)];
}

/** The same events as `streamDemoEvents`, in arrays of `batchSize` (the last may be shorter). */
export function* generateDemoBatches(options: DemoOptions & { batchSize?: number }): Generator<DemoEvent[]> {
  const size = options.batchSize ?? 500;
  if (!Number.isInteger(size) || size < 1) throw new Error("batchSize must be a positive integer");
  let batch: DemoEvent[] = [];
  for (const event of streamDemoEvents(options)) {
    batch.push(event);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
