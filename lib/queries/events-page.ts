import { pool } from "../db";
import type { EventFilters } from "../filters/event-filters";
import { type EventCursor, encodeCursor } from "./events-cursor";
import {
  type EventListItem,
  type EventListRow,
  type EventVisibility,
  eventWhere,
  LIST_COLUMNS,
  toListItem,
  withListDetails,
} from "./events-sql";

// One page of the explorer: events matching the filters, newest first by (time, seq), after
// an optional keyset cursor. Never OFFSET: page 200 costs what page 1 costs.

export const EVENTS_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export type EventsPage = { events: EventListItem[]; nextCursor: string | null };

export async function eventsPage(
  tenantId: string,
  filters: EventFilters,
  options: { cursor?: EventCursor; limit?: number; visibility: EventVisibility },
): Promise<EventsPage> {
  const limit = Math.min(Math.max(1, options.limit ?? EVENTS_PAGE_SIZE), MAX_PAGE_SIZE);
  const { conditions, params } = eventWhere(tenantId, filters, options.visibility);
  if (options.cursor) {
    params.push(options.cursor.time, options.cursor.seq.toString());
    conditions.push(`(e.time, e.seq) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  // One extra row tells whether another page exists without a count.
  params.push(limit + 1);
  const inner = `SELECT ${LIST_COLUMNS} FROM events e WHERE ${conditions.join(" AND ")}
    ORDER BY e.time DESC, e.seq DESC LIMIT $${params.length}`;
  const { rows } = await pool().query<EventListRow>(withListDetails(inner, "p.time DESC, p.seq DESC"), params);
  const events = rows.slice(0, limit).map(toListItem);
  const last = events.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ time: last.time, seq: last.seq }) : null;
  return { events, nextCursor };
}
