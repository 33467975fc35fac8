import { pool, prisma } from "../db";
import type { ExportFileName } from "./files";
import type { Manifest } from "./manifest";

// Reads of report_exports, always scoped to the tenant, and the check that finds exports whose
// worker died: a running export's worker holds a session advisory lock on it for the whole
// job, so a running row whose lock can be taken has nobody working on it.

export const EXPORT_LOCK_NAMESPACE = 6_062_026;

export type ExportStatus = "queued" | "running" | "done" | "failed";

export type ExportSummary = {
  id: string;
  framework: string;
  period: { from: string; to: string };
  formats: string[];
  status: ExportStatus;
  phase: string | null;
  progress: { done: number; total: number };
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  files: { name: ExportFileName; bytes: number; sha256: string }[];
};

export type ExportDetail = ExportSummary & { manifest: Manifest | null };

type Row = Awaited<ReturnType<typeof prisma.reportExport.findFirst>> & {};

function summary(row: Row): ExportSummary {
  const manifest = row.manifest as Manifest | null;
  return {
    id: row.id,
    framework: row.framework,
    period: { from: row.periodFrom.toISOString(), to: row.periodTo.toISOString() },
    formats: row.formats,
    status: row.status as ExportStatus,
    phase: row.phase,
    progress: { done: Number(row.progressDone), total: Number(row.progressTotal) },
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    files: manifest?.files ?? [],
  };
}

export const INTERRUPTED_MESSAGE = "The export was interrupted (its worker stopped); run it again.";

/** Marks the tenant's running exports that no worker holds as failed; returns their ids. */
export async function failInterruptedExports(tenantId: string): Promise<string[]> {
  const running = await prisma.reportExport.findMany({
    where: { tenantId, status: "running" },
    select: { id: true },
  });
  const failed: string[] = [];
  for (const { id } of running) {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ free: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS free",
        [EXPORT_LOCK_NAMESPACE, id],
      );
      if (rows[0]?.free) {
        const updated = await client.query(
          `UPDATE report_exports SET status = 'failed', error = $3, finished_at = now()
            WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
          [tenantId, id, INTERRUPTED_MESSAGE],
        );
        if (updated.rowCount) failed.push(id);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return failed;
}

/** The tenant's most recent exports, newest first. */
export async function listExports(tenantId: string, limit = 20): Promise<ExportSummary[]> {
  await failInterruptedExports(tenantId);
  const rows = await prisma.reportExport.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map(summary);
}

/** One export of the tenant, or null (also for another tenant's id). */
export async function getExport(tenantId: string, id: string): Promise<ExportDetail | null> {
  await failInterruptedExports(tenantId);
  const row = await prisma.reportExport.findFirst({ where: { tenantId, id } });
  if (!row) return null;
  return { ...summary(row), manifest: row.manifest as Manifest | null };
}
