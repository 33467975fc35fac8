import type { NormalizedEvent } from "../contract/normalize";
import { pool } from "../db";
import { type EventRow, toEventRow } from "../ingest/rows";

// Reading stored events back for verification: keyset batches in seq order (flat memory on any
// range), and the check that the typed columns still say what the hashed `data` says.

export type StoredEvent = {
  seq: string;
  event_id: string;
  received_at: Date;
  time: Date;
  data: unknown;
  leaf_hash: Buffer | null;
  prev_hash: Buffer | null;
  chain_hash: Buffer | null;
} & Pick<EventRow, (typeof TEXT_COLUMNS)[number] | "delegation_depth">;

// Every typed column derived from `data` at ingest, except time (compared as an instant).
const TEXT_COLUMNS = [
  "type",
  "outcome",
  "actor_type",
  "actor_id",
  "agent_id",
  "on_behalf_of_id",
  "session_key",
  "client_id",
  "correlation_id",
  "trace_id",
  "span_id",
  "parent_span_id",
  "target_type",
  "target_id",
  "policy_decision",
] as const;

const SELECT_COLUMNS = `seq, event_id, received_at, time, data, leaf_hash, prev_hash, chain_hash,
  ${TEXT_COLUMNS.join(", ")}, delegation_depth`;

const BATCH = `SELECT ${SELECT_COLUMNS} FROM events
  WHERE tenant_id = $1 AND seq > $2::bigint AND ($3::bigint IS NULL OR seq <= $3::bigint)
  ORDER BY seq LIMIT $4`;

/** Rows with afterSeq < seq <= toSeq (no upper bound when toSeq is null), in seq order, `size` at a time. */
export async function* storedEvents(
  tenantId: string,
  afterSeq: bigint,
  toSeq: bigint | null,
  size = 2_000,
): AsyncGenerator<StoredEvent[]> {
  let last = afterSeq;
  for (;;) {
    const { rows } = await pool().query<StoredEvent>(BATCH, [
      tenantId,
      last.toString(),
      toSeq?.toString() ?? null,
      size,
    ]);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    last = BigInt((rows[rows.length - 1] as StoredEvent).seq);
  }
}

export async function storedEventAt(tenantId: string, seq: bigint): Promise<StoredEvent | null> {
  const { rows } = await pool().query<StoredEvent>(
    `SELECT ${SELECT_COLUMNS} FROM events WHERE tenant_id = $1 AND seq = $2::bigint`,
    [tenantId, seq.toString()],
  );
  return rows[0] ?? null;
}

/** The instant an RFC 3339 string denotes at timestamptz(3) precision (Postgres rounds to ms). */
function storedInstant(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const match = /^(.+T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!match) return null;
  const whole = Date.parse(`${match[1]}${match[3]}`);
  const micros = match[2] ? Math.round(Number(`0.${match[2]}`) * 1e6) : 0;
  return Number.isNaN(whole) ? null : whole + Math.floor((micros + 500) / 1000);
}

/** Names the typed columns that disagree with what ingest derives from the stored `data`. */
export function typedColumnMismatches(row: StoredEvent, tenantId: string): string[] {
  const data = row.data as NormalizedEvent | null;
  if (!data || typeof data !== "object" || !data.actor) return ["data"];
  let expected: EventRow;
  try {
    expected = toEventRow(data, tenantId, 0, row.received_at.toISOString());
  } catch {
    return ["data"];
  }
  const wrong: string[] = TEXT_COLUMNS.filter((column) => (row[column] ?? null) !== (expected[column] ?? null));
  if (row.event_id !== expected.event_id) wrong.unshift("event_id");
  if (row.delegation_depth !== expected.delegation_depth) wrong.push("delegation_depth");
  if (row.time.getTime() !== storedInstant(data.time)) wrong.push("time");
  return wrong;
}
