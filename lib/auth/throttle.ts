import { pool } from "../db";

// Failed sign-ins are counted in Postgres, so every app instance shares the count. After
// MAX_FAILURES in WINDOW for one email or one client address, that key is locked for LOCK.
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

export const throttleKeys = (email: string, address: string | undefined) => [
  { key: `email:${email.toLowerCase()}`, max: MAX_FAILURES_PER_EMAIL },
  ...(address ? [{ key: `addr:${address}`, max: MAX_FAILURES_PER_ADDRESS }] : []),
];

/** Seconds until the earliest of these keys unlocks, or 0 when none is locked. */
export async function lockedForSeconds(keys: string[]): Promise<number> {
  const { rows } = await pool().query<{ seconds: number | null }>(
    `SELECT CEIL(EXTRACT(EPOCH FROM MAX(locked_until) - now()))::int AS seconds
       FROM sign_in_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  );
  return rows[0]?.seconds ?? 0;
}

export async function recordFailure(keys: { key: string; max: number }[]): Promise<void> {
  for (const { key, max } of keys) {
    await pool().query(
      `INSERT INTO sign_in_throttle AS t (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_start < now() - make_interval(mins => ${WINDOW_MINUTES}) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => ${WINDOW_MINUTES}) THEN now() ELSE t.window_start END,
         locked_until = CASE
           WHEN t.window_start >= now() - make_interval(mins => ${WINDOW_MINUTES}) AND t.failures + 1 >= $2
           THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE t.locked_until END`,
      [key, max],
    );
  }
}

export async function clearFailures(email: string): Promise<void> {
  await pool().query("DELETE FROM sign_in_throttle WHERE key = $1", [`email:${email.toLowerCase()}`]);
}
