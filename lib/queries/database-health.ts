import { pool } from "../db";

export type DatabaseHealth = { reachable: boolean; latencyMs: number };

export async function databaseHealth(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await pool().query("SELECT 1");
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { reachable: false, latencyMs: Math.round(performance.now() - started) };
  }
}
