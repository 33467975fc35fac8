import { pool } from "../db";
import type { EventFilters } from "../filters/event-filters";
import {
  type EventListItem,
  type EventListRow,
  type EventVisibility,
  eventWhere,
  LIST_COLUMNS,
  toListItem,
  withListDetails,
} from "./events-sql";

// The explorer's live tail: matching events stored after the newest one on screen. Sequence
// numbers follow commit order, so "seq > newest" misses nothing that committed meanwhile,
// even an event whose own time is older. The range's upper bound is dropped on purpose:
// a relative range ("last 24 h") keeps moving while the tail is on.

export const TAIL_LIMIT = 200;

export async function eventsAfter(
  tenantId: string,
  filters: EventFilters,
  afterSeq: bigint,
  visibility: EventVisibility,
): Promise<EventListItem[]> {
  const { conditions, params } = eventWhere(tenantId, filters, visibility, { upperBound: false });
  params.push(afterSeq.toString(), TAIL_LIMIT);
  conditions.push(`e.seq > $${params.length - 1}::bigint`);
  const inner = `SELECT ${LIST_COLUMNS} FROM events e WHERE ${conditions.join(" AND ")}
    ORDER BY e.seq DESC LIMIT $${params.length}`;
  const { rows } = await pool().query<EventListRow>(withListDetails(inner, "p.seq DESC"), params);
  return rows.map(toListItem);
}
