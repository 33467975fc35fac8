import { formatDuration } from "./duration";

// The trace as rows on one time axis. Rows nest by W3C span parentage: an event whose
// parent span is another event's span is its child; an event whose parent is not in the trace
// (or that has no trace context) is a root; events sharing one span id are siblings. Siblings
// and roots run in time order.
//
// The axis is compressed: a wait that is long next to the other steps (an approval granted
// minutes after 10 ms policy checks) becomes a fixed-width break labelled with its duration,
// so the millisecond steps stay visible and the wait is still stated.

export type WaterfallEvent = {
  eventId: string;
  seq: string;
  type: string;
  time: Date;
  spanId: string | null;
  parentSpanId: string | null;
};

export type Gap = {
  /** Offsets from the first event, in ms. */
  fromMs: number;
  toMs: number;
  durationMs: number;
  /** "waited 3m 10s for approval". */
  label: string;
  /** The event that ended the wait. */
  beforeEventId: string;
  /** Where the break sits on the axis, 0..1. */
  start: number;
  end: number;
};

export type WaterfallRow<E extends WaterfallEvent> = {
  event: E;
  depth: number;
  parentEventId: string | null;
  childCount: number;
  offsetMs: number;
  /** Position of the event on the axis, 0..1. */
  at: number;
  /** Extent of the event's subtree on the axis (a child may be stamped before its parent); `at` for a leaf. */
  from: number;
  until: number;
  /** Set on the first event after a long wait. */
  waitBefore: Gap | null;
};

export type Waterfall<E extends WaterfallEvent> = {
  rows: WaterfallRow<E>[];
  gaps: Gap[];
  totalMs: number;
};

/** A wait is a break when it is at least this long… */
const MIN_BREAK_MS = 1_000;
/** …and this many times a short step of the trace (its lower quartile); */
const BREAK_FACTOR = 10;
/** a trace of two events has one step, which breaks when at least this long. */
const LONE_BREAK_MS = 30_000;
/** Axis share of one break, and of all breaks together. */
const BREAK_WIDTH = 0.08;
const MAX_BREAKS_WIDTH = 0.4;

const byTime = (a: WaterfallEvent, b: WaterfallEvent) =>
  a.time.getTime() - b.time.getTime() || compareSeq(a.seq, b.seq);

function compareSeq(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Parent of each event (by event id), following the nesting rules above. */
export function spanParents(events: readonly WaterfallEvent[]): Map<string, string | null> {
  const owner = new Map<string, WaterfallEvent>();
  for (const event of events) if (event.spanId && !owner.has(event.spanId)) owner.set(event.spanId, event);
  const parents = new Map<string, string | null>();
  const direct = (event: WaterfallEvent): string | null => {
    const parent = event.parentSpanId ? owner.get(event.parentSpanId) : undefined;
    return parent && parent !== event ? parent.eventId : null;
  };
  for (const event of events) {
    const spanOwner = event.spanId ? owner.get(event.spanId) : undefined;
    // A second event on a span already taken sits beside the span's first event.
    parents.set(event.eventId, spanOwner && spanOwner !== event ? direct(spanOwner) : direct(event));
  }
  breakCycles(events, parents);
  return parents;
}

/** Parent links that loop (a bad sender can make two spans each other's parent): the loop's earliest event becomes a root. */
function breakCycles(events: readonly WaterfallEvent[], parents: Map<string, string | null>): void {
  const order = new Map(events.map((event, index) => [event.eventId, index]));
  const settled = new Set<string>();
  for (const event of events) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null | undefined = event.eventId;
    while (current && !settled.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = parents.get(current);
    }
    if (current && onPath.has(current)) {
      const loop = path.slice(path.indexOf(current));
      const earliest = loop.reduce((a, b) => ((order.get(a) ?? 0) <= (order.get(b) ?? 0) ? a : b));
      parents.set(earliest, null);
    }
    for (const id of path) settled.add(id);
  }
}

/** Events in display order (depth-first, children in time order), with their depth. */
function treeOrder<E extends WaterfallEvent>(sorted: readonly E[]) {
  const parents = spanParents(sorted);
  const children = new Map<string, E[]>();
  for (const event of sorted) {
    const parent = parents.get(event.eventId);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), event]);
  }
  const ordered: { event: E; depth: number; parentEventId: string | null }[] = [];
  const visited = new Set<string>();
  const visit = (event: E, depth: number, parentEventId: string | null) => {
    if (visited.has(event.eventId)) return;
    visited.add(event.eventId);
    ordered.push({ event, depth, parentEventId });
    for (const child of children.get(event.eventId) ?? []) visit(child, depth + 1, event.eventId);
  };
  for (const event of sorted) if (!parents.get(event.eventId)) visit(event, 0, null);
  return { ordered, children };
}

/** The lower quartile: what a short step looks like here, even when half the steps are waits. */
function lowerQuartile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 4)] ?? 0;
}

/** What a wait ended with, in words: approvals and consents are waits for a person. */
export function waitLabel(durationMs: number, nextType: string): string {
  const duration = formatDuration(durationMs);
  if (/^approval\.(granted|denied|expired)$/.test(nextType)) return `waited ${duration} for approval`;
  if (/^consent\.(granted|denied)$/.test(nextType)) return `waited ${duration} for consent`;
  return `${duration} with no events`;
}

type Step = { fromMs: number; toMs: number; next: WaterfallEvent };

function longWaits(sorted: readonly WaterfallEvent[], startMs: number): Step[] {
  const steps: Step[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as WaterfallEvent;
    const next = sorted[i] as WaterfallEvent;
    steps.push({ fromMs: prev.time.getTime() - startMs, toMs: next.time.getTime() - startMs, next });
  }
  const typical = lowerQuartile(steps.map((s) => s.toMs - s.fromMs));
  return steps.filter((s) => {
    const length = s.toMs - s.fromMs;
    if (length < MIN_BREAK_MS) return false;
    // With a single step there is nothing to compare; only a long wait is worth a break.
    return steps.length === 1 ? length >= LONE_BREAK_MS : length >= BREAK_FACTOR * typical;
  });
}

/** Maps an offset (ms from the first event) to 0..1 on the compressed axis. */
function axis(totalMs: number, waits: Step[]): { position: (ms: number) => number; gaps: Gap[] } {
  const waited = waits.reduce((sum, w) => sum + (w.toMs - w.fromMs), 0);
  const activeMs = totalMs - waited;
  const breakWidth =
    waits.length === 0 ? 0 : activeMs === 0 ? 1 / waits.length : Math.min(BREAK_WIDTH, MAX_BREAKS_WIDTH / waits.length);
  const activeShare = 1 - breakWidth * waits.length;
  const position = (ms: number) => {
    if (totalMs <= 0) return 0;
    if (waits.length === 0) return ms / totalMs;
    let active = ms;
    let breaks = 0;
    for (const wait of waits) {
      if (ms >= wait.toMs) {
        active -= wait.toMs - wait.fromMs;
        breaks += 1;
      } else if (ms > wait.fromMs) {
        active -= ms - wait.fromMs;
        breaks += (ms - wait.fromMs) / (wait.toMs - wait.fromMs);
      }
    }
    const activePart = activeMs > 0 ? (active / activeMs) * activeShare : 0;
    return Math.min(1, Math.max(0, activePart + breaks * breakWidth));
  };
  const gaps = waits.map((wait) => ({
    fromMs: wait.fromMs,
    toMs: wait.toMs,
    durationMs: wait.toMs - wait.fromMs,
    label: waitLabel(wait.toMs - wait.fromMs, wait.next.type),
    beforeEventId: wait.next.eventId,
    start: position(wait.fromMs),
    end: position(wait.toMs),
  }));
  return { position, gaps };
}

export function buildWaterfall<E extends WaterfallEvent>(events: readonly E[]): Waterfall<E> {
  const sorted = [...events].sort(byTime);
  const first = sorted[0];
  if (!first) return { rows: [], gaps: [], totalMs: 0 };
  const startMs = first.time.getTime();
  const totalMs = (sorted[sorted.length - 1] as E).time.getTime() - startMs;
  const { position, gaps } = axis(totalMs, longWaits(sorted, startMs));
  const gapBefore = new Map(gaps.map((gap) => [gap.beforeEventId, gap]));
  const { ordered, children } = treeOrder(sorted);

  // Extent of each subtree in ms; `seen` guards against loops a bad sender could create.
  const extent = new Map<string, [number, number]>();
  const extentOf = (event: E, seen = new Set<string>()): [number, number] => {
    const known = extent.get(event.eventId);
    if (known) return known;
    seen.add(event.eventId);
    let [start, end] = [event.time.getTime(), event.time.getTime()];
    for (const child of children.get(event.eventId) ?? []) {
      if (seen.has(child.eventId)) continue;
      const [childStart, childEnd] = extentOf(child, seen);
      start = Math.min(start, childStart);
      end = Math.max(end, childEnd);
    }
    extent.set(event.eventId, [start, end]);
    return [start, end];
  };

  const rows = ordered.map(({ event, depth, parentEventId }) => {
    const offsetMs = event.time.getTime() - startMs;
    return {
      event,
      depth,
      parentEventId,
      childCount: children.get(event.eventId)?.length ?? 0,
      offsetMs,
      at: position(offsetMs),
      from: position(extentOf(event)[0] - startMs),
      until: position(extentOf(event)[1] - startMs),
      waitBefore: gapBefore.get(event.eventId) ?? null,
    };
  });
  return { rows, gaps, totalMs };
}
