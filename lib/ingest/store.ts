import type { PoolClient } from "pg";
import type { NormalizedEvent } from "../contract/normalize";
import { pool } from "../db";
import { chainHashOf, genesisHash, integrityDisabled, leafHashOf, warnIfIntegrityDisabled } from "../integrity/chain";
import { addHourlyCounts } from "./hourly-counts";
import { collectRegistryUpdates, type RegistryUpdates } from "./registry";
import { EVENT_COLUMNS, toEventRow } from "./rows";

// The one write path for events. Everything happens in one transaction: take the tenant's
// sequence lock, number and hash-chain the new events, bulk-insert them, update the registries
// and the hourly counts, commit.
// Holding the tenant row lock makes sequence order equal commit order, keeps the sequence
// gap-free, and gives each event exactly one predecessor in the tenant's hash chain. Tenants do
// not wait for each other. Leaf hashes (the expensive part: JCS + SHA-256 of each event) are
// computed before the lock; under it, only one 72-byte SHA-256 per event links the chain.
//
// Duplicates: seq and chain are assigned in the app, so the ids already stored must be known
// first. Most requests carry none, so the first attempt assumes so and inserts plainly; the
// unique index on (tenant_id, event_id) then checks every id as part of the insert, with no
// separate lookup. If it finds a stored id, that transaction rolls back (nothing of it remains)
// and a second one looks the stored ids up under the lock and inserts the rest. The first
// attempt skips stored ids (ON CONFLICT DO NOTHING) and sees the shortfall, so a retried request
// costs one rolled-back transaction but no error in Postgres' log.

const ROW_COLUMNS = EVENT_COLUMNS.filter((c) => c !== "tenant_id" && c !== "seq");

// Under the tenant lock: the rows (serialized before the lock) joined with the numbering and
// chain the app computed for the new ids, inserted, and the tenant's sequence and chain head
// advanced, in one statement. Hash arrays are NULL (and the head stays) only with
// ATTEST_BENCH_NO_INTEGRITY=1: unnest pads them with NULLs.
const INSERT_CHAINED = `
  WITH chained AS (
    SELECT * FROM unnest($3::text[], $4::bigint[], $5::bytea[], $6::bytea[], $7::bytea[])
      AS c(event_id, seq, leaf_hash, prev_hash, chain_hash)
  ), inserted AS (
    INSERT INTO events (tenant_id, seq, ${ROW_COLUMNS.join(", ")}, leaf_hash, prev_hash, chain_hash)
    SELECT $2, c.seq, ${ROW_COLUMNS.map((c) => `r.${c}`).join(", ")}, c.leaf_hash, c.prev_hash, c.chain_hash
    FROM jsonb_populate_recordset(NULL::events, $1::jsonb) AS r JOIN chained c ON c.event_id = r.event_id
    ON CONFLICT (tenant_id, event_id) DO NOTHING
    RETURNING 1
  ), advanced AS (
    UPDATE tenants SET event_seq = $8, chain_head = COALESCE($9, chain_head) WHERE id = $2
  )
  SELECT count(*)::int AS inserted FROM inserted`;

/** The first attempt met an id the tenant already has: its numbering is void, so it rolls back. */
class StoredIdFound extends Error {}

const mergeArrays = (column: string) =>
  `${column} = ARRAY(SELECT DISTINCT x FROM unnest(t.${column} || s.${column}) AS x ORDER BY x)`;
const seenColumns = `first_seen = LEAST(t.first_seen, s.first_seen), last_seen = GREATEST(t.last_seen, s.last_seen),
    event_count = t.event_count + s.event_count`;
const SEEN_TYPES = "first_seen timestamptz, last_seen timestamptz, event_count bigint";

// A status change from this batch replaces the stored one only if it is at least as new, so
// events that arrive late never undo a later suspension or reactivation.
const statusIsNewer =
  "s.status IS NOT NULL AND (t.status_changed_at IS NULL OR s.status_changed_at >= t.status_changed_at)";

const MERGE_AGENTS = `
  MERGE INTO agents t
  USING jsonb_to_recordset($2::jsonb) AS s(agent_id text, name text, kind text, kind_explicit boolean, registration text,
    client_ids text[], owner_user_id text, owner_since timestamptz, status text, status_changed_at timestamptz,
    ${SEEN_TYPES})
  ON t.tenant_id = $1 AND t.agent_id = s.agent_id
  WHEN MATCHED THEN UPDATE SET
    name = COALESCE(s.name, t.name),
    kind = CASE WHEN s.kind_explicit THEN s.kind ELSE t.kind END,
    registration = COALESCE(s.registration, t.registration),
    ${mergeArrays("client_ids")},
    owner_user_id = CASE WHEN s.owner_since < t.owner_since OR t.owner_since IS NULL THEN COALESCE(s.owner_user_id, t.owner_user_id) ELSE t.owner_user_id END,
    owner_since = CASE WHEN s.owner_since < t.owner_since OR t.owner_since IS NULL THEN COALESCE(s.owner_since, t.owner_since) ELSE t.owner_since END,
    status = CASE WHEN ${statusIsNewer} THEN s.status ELSE t.status END,
    status_changed_at = CASE WHEN ${statusIsNewer} THEN s.status_changed_at ELSE t.status_changed_at END,
    ${seenColumns}
  WHEN NOT MATCHED THEN INSERT (tenant_id, agent_id, name, kind, registration, client_ids, owner_user_id, owner_since,
    first_seen, last_seen, event_count, status, status_changed_at)
  VALUES ($1, s.agent_id, s.name, s.kind, s.registration, s.client_ids, s.owner_user_id, s.owner_since,
    s.first_seen, s.last_seen, s.event_count, COALESCE(s.status, 'active'), s.status_changed_at)`;

const MERGE_HUMANS = `
  MERGE INTO human_principals t
  USING jsonb_to_recordset($2::jsonb) AS s(user_id text, name text, ${SEEN_TYPES})
  ON t.tenant_id = $1 AND t.user_id = s.user_id
  WHEN MATCHED THEN UPDATE SET name = COALESCE(s.name, t.name), ${seenColumns}
  WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, name, first_seen, last_seen, event_count)
  VALUES ($1, s.user_id, s.name, s.first_seen, s.last_seen, s.event_count)`;

const MERGE_CLIENTS = `
  MERGE INTO oauth_clients t
  USING jsonb_to_recordset($2::jsonb) AS s(client_id text, name text, kind text, registration text, metadata_url text,
    agent_ids text[], ${SEEN_TYPES})
  ON t.tenant_id = $1 AND t.client_id = s.client_id
  WHEN MATCHED THEN UPDATE SET name = COALESCE(s.name, t.name), kind = s.kind,
    registration = COALESCE(s.registration, t.registration), metadata_url = COALESCE(s.metadata_url, t.metadata_url),
    ${mergeArrays("agent_ids")}, ${seenColumns}
  WHEN NOT MATCHED THEN INSERT (tenant_id, client_id, name, kind, registration, metadata_url, agent_ids, first_seen, last_seen, event_count)
  VALUES ($1, s.client_id, s.name, s.kind, s.registration, s.metadata_url, s.agent_ids, s.first_seen, s.last_seen, s.event_count)`;

const MERGE_SESSIONS = `
  MERGE INTO sessions t
  USING jsonb_to_recordset($2::jsonb) AS s(session_key text, user_id text, session_id text, client_ids text[],
    agent_ids text[], mcp_session_ids text[], ${SEEN_TYPES})
  ON t.tenant_id = $1 AND t.session_key = s.session_key
  WHEN MATCHED THEN UPDATE SET ${mergeArrays("client_ids")}, ${mergeArrays("agent_ids")}, ${mergeArrays("mcp_session_ids")},
    ${seenColumns}
  WHEN NOT MATCHED THEN INSERT (tenant_id, session_key, user_id, session_id, client_ids, agent_ids, mcp_session_ids,
    first_seen, last_seen, event_count)
  VALUES ($1, s.session_key, s.user_id, s.session_id, s.client_ids, s.agent_ids, s.mcp_session_ids,
    s.first_seen, s.last_seen, s.event_count)`;

async function mergeRegistries(client: PoolClient, tenantId: string, updates: RegistryUpdates) {
  const statements: [string, unknown[]][] = [
    [MERGE_AGENTS, updates.agents],
    [MERGE_HUMANS, updates.humans],
    [MERGE_CLIENTS, updates.clients],
    [MERGE_SESSIONS, updates.sessions],
  ];
  for (const [sql, rows] of statements) {
    if (rows.length > 0) await client.query(sql, [tenantId, JSON.stringify(rows)]);
  }
}

export type StoreResult = { storedIds: Set<string> };

type Locked = { event_seq: string; chain_head: Buffer | null };
type Prepared = { tenantId: string; events: NormalizedEvent[]; leaves: Buffer[] | null; rowsJson: string };

/** Numbers and chains the events not in `stored`, inserts them; returns their ids. */
async function insertNew(
  client: PoolClient,
  input: Prepared,
  locked: Locked,
  stored: Set<string>,
): Promise<Set<string>> {
  const { tenantId, events, leaves } = input;
  const ids: string[] = [];
  const seqs: string[] = [];
  const leafHashes: Buffer[] = [];
  const prevHashes: Buffer[] = [];
  const chainHashes: Buffer[] = [];
  let seq = BigInt(locked.event_seq);
  let head = locked.chain_head ?? genesisHash(tenantId);
  events.forEach((event, index) => {
    if (stored.has(event.id)) return;
    seq += 1n;
    ids.push(event.id);
    seqs.push(seq.toString());
    if (!leaves) return;
    const leaf = leaves[index] as Buffer;
    const chain = chainHashOf(head, seq, leaf);
    leafHashes.push(leaf);
    prevHashes.push(head);
    chainHashes.push(chain);
    head = chain;
  });
  if (ids.length === 0) return new Set();
  const hashes = leaves ? [leafHashes, prevHashes, chainHashes, head] : [null, null, null, null];
  const result = await client.query<{ inserted: number }>(INSERT_CHAINED, [
    input.rowsJson,
    tenantId,
    ids,
    seqs,
    ...hashes.slice(0, 3),
    seq.toString(),
    hashes[3],
  ]);
  // Fewer rows than numbered: some ids were stored already, so the numbering and chain computed
  // for them are wrong. Under the lock only the first attempt (no lookup) can get here.
  if (result.rows[0]?.inserted !== ids.length) {
    if (stored.size === 0) throw new StoredIdFound();
    throw new Error("chained insert stored an unexpected number of rows");
  }
  return new Set(ids);
}

/** One transaction; `lookUpStored` first reads which ids the tenant already has. */
async function storeOnce(input: Prepared, lookUpStored: boolean): Promise<Set<string>> {
  const { tenantId, events } = input;
  const client = await pool().connect();
  let broken = false;
  // A connection that dies while checked out emits 'error'; unheard, it would crash the process.
  const onConnectionError = () => {
    broken = true;
  };
  client.on("error", onConnectionError);
  try {
    await client.query("BEGIN");
    const locked = await client.query<Locked>("SELECT event_seq, chain_head FROM tenants WHERE id = $1 FOR UPDATE", [
      tenantId,
    ]);
    const tenant = locked.rows[0];
    if (!tenant) throw new Error(`tenant ${tenantId} does not exist`);
    const stored = lookUpStored
      ? await client.query<{ event_id: string }>(
          "SELECT event_id FROM events WHERE tenant_id = $1 AND event_id = ANY($2::text[])",
          [tenantId, events.map((event) => event.id)],
        )
      : { rows: [] };
    const storedIds = await insertNew(client, input, tenant, new Set(stored.rows.map((row) => row.event_id)));
    const fresh = events.filter((event) => storedIds.has(event.id));
    if (fresh.length > 0) {
      await mergeRegistries(client, tenantId, collectRegistryUpdates(fresh));
      await addHourlyCounts(client, tenantId, fresh);
    }
    await client.query("COMMIT");
    return storedIds;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not even roll back is discarded, not returned to the pool.
    client.off("error", onConnectionError);
    client.release(broken);
  }
}

/**
 * Stores the events that are new for this tenant and returns their ids. Events whose id is
 * already stored are skipped. Throws (and stores nothing) if any statement fails.
 */
export async function storeEvents(tenantId: string, events: NormalizedEvent[], receivedAt: Date): Promise<StoreResult> {
  // Rows are serialized and leaves hashed before the tenant lock is taken, so the lock covers
  // only database work and the chain links. Seq is assigned under the lock.
  const received = receivedAt.toISOString();
  warnIfIntegrityDisabled();
  const input: Prepared = {
    tenantId,
    events,
    rowsJson: JSON.stringify(events.map((event) => toEventRow(event, tenantId, 0, received))),
    leaves: integrityDisabled() ? null : events.map((event) => leafHashOf(tenantId, received, event)),
  };
  try {
    return { storedIds: await storeOnce(input, false) };
  } catch (error) {
    if (!(error instanceof StoredIdFound)) throw error;
    return { storedIds: await storeOnce(input, true) };
  }
}
