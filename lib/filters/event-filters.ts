import { OUTCOMES } from "../contract/event-types";
import { parseTimeRange, type TimeRange, timeRangeParams } from "./time-range";

// The explorer's filters, and the one URL format every view uses to link into it (overview
// cards and charts, agent pages, traces). All filter state lives in the URL.

export type EventFilters = {
  range: TimeRange;
  types: string[];
  outcomes: string[];
  actor?: string;
  onBehalfOf?: string;
  agent?: string;
  client?: string;
  target?: string;
  correlationId?: string;
  /** policy.evaluated events of this policy id (`policy.id`). */
  policy?: string;
  /** Policy decision: allow, deny or require_approval. */
  decision?: string;
  /** Free text, matched against ids, type, target, reason. */
  q?: string;
};

const TEXT_FILTERS = [
  "actor",
  "onBehalfOf",
  "agent",
  "client",
  "target",
  "correlationId",
  "policy",
  "decision",
  "q",
] as const;
const MAX_TEXT = 256;

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value.length > 0 && value.length <= MAX_TEXT);
}

export function parseEventFilters(params: URLSearchParams, now = new Date()): EventFilters {
  const filters: EventFilters = {
    range: parseTimeRange(params, now),
    types: list(params, "type"),
    outcomes: list(params, "outcome").filter((o) => (OUTCOMES as readonly string[]).includes(o)),
  };
  for (const name of TEXT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value && value.length <= MAX_TEXT) filters[name] = value;
  }
  return filters;
}

/** URL parameters for filters; pass a partial object to build a link into the explorer. */
export function eventFilterParams(filters: Partial<EventFilters>): URLSearchParams {
  const params = new URLSearchParams(filters.range ? timeRangeParams(filters.range) : {});
  if (filters.types?.length) params.set("type", filters.types.join(","));
  if (filters.outcomes?.length) params.set("outcome", filters.outcomes.join(","));
  for (const name of TEXT_FILTERS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

export function explorerHref(filters: Partial<EventFilters>): string {
  const query = eventFilterParams(filters).toString();
  return query ? `/events?${query}` : "/events";
}

/** Converts Next's searchParams object into URLSearchParams. */
export function toSearchParams(input: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}
