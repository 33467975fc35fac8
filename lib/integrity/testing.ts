import pg from "pg";
import { normalizeEvent } from "../contract/normalize";
import { pool } from "../db";
import { EVENT_COLUMNS, toEventRow } from "../ingest/rows";
import { validateEvent } from "../ingest/validate";
import { event, postEvents, refundExample, tenantWithKey } from "../testing/fixtures";
import { chainHashOf, leafHashOf } from "./chain";

// Tamper-test helpers: a tenant with ten chained events in two requests, and SQL run the way an
// attacker with database access would, with session_replication_role = replica so the
// append-only triggers do not fire.

export type Seeded = { tenantId: string; key: string; ids: string[] };

/** Ten events: seq 1–5 the refund example (one request), seq 6–10 five more (another). */
export async function seededTenant(label = "tamper"): Promise<Seeded> {
  const { tenant, key } = await tenantWithKey(label);
  const first = refundExample();
  const second = Array.from({ length: 5 }, () => event());
  for (const batch of [first, second]) {
    const posted = await postEvents(key, batch);
    if (posted.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(posted.body)}`);
  }
  return { tenantId: tenant.id, key, ids: [...first, ...second].map((e) => e.id) };
}

/** Runs statements as a database superuser bypassing triggers would. */
export async function tamper(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await run(client);
  } finally {
    await client.end();
  }
}

export async function chainAt(tenantId: string, seq: number): Promise<Buffer> {
  const { rows } = await pool().query<{ chain_hash: Buffer }>(
    "SELECT chain_hash FROM events WHERE tenant_id = $1 AND seq = $2",
    [tenantId, seq],
  );
  const chain = rows[0]?.chain_hash;
  if (!chain) throw new Error(`no chained event at seq ${seq}`);
  return chain;
}

type ForgedHashes = { leaf: Buffer | null; prev: Buffer | null; chain: Buffer | null };

/** A valid-looking event row, as the collector would have stored it, with hashes of our choosing. */
export function forgedRow(tenantId: string, seq: number, receivedAt: string) {
  const checked = validateEvent(event({ id: `forged-${seq}-${Date.now()}` }));
  if (!checked.ok) throw new Error("forged event does not validate");
  const row = toEventRow(normalizeEvent(checked.event), tenantId, seq, receivedAt);
  const leaf = leafHashOf(tenantId, receivedAt, row.data);
  const withChain = (prev: Buffer): ForgedHashes => ({ leaf, prev, chain: chainHashOf(prev, BigInt(seq), leaf) });
  return { row, leaf, withChain };
}

export async function insertRow(
  client: pg.Client,
  row: ReturnType<typeof forgedRow>["row"],
  hashes: ForgedHashes,
): Promise<void> {
  await client.query(
    `INSERT INTO events (${EVENT_COLUMNS.join(", ")}, leaf_hash, prev_hash, chain_hash)
     SELECT ${EVENT_COLUMNS.join(", ")}, $2, $3, $4 FROM jsonb_populate_record(NULL::events, $1::jsonb)`,
    [JSON.stringify(row), hashes.leaf, hashes.prev, hashes.chain],
  );
}

/** Columns that hold an event's content (everything but tenant, position and hashes). */
export const CONTENT_COLUMNS = EVENT_COLUMNS.filter((c) => c !== "tenant_id" && c !== "seq");
