import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { recordSelfAudit } from "../audit/record";
import { pool } from "../db";
import { FRAMEWORKS } from "../reports";
import { EXPORT_QUEUE, type ExportJob, exportQueue } from "./queue";

// Asking for an export: validate, then one transaction inserts the row and its queue job, and
// the request is recorded in the tenant's own audit trail before that commits. An export that
// could not be audited is never queued.

const MAX_PERIOD_DAYS = 400;
const DAY_MS = 86_400_000;

const instant = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((value) => new Date(value));

export const exportRequestSchema = z
  .object({
    framework: z.string().refine((value) => (FRAMEWORKS as readonly string[]).includes(value), {
      message: `must be one of: ${FRAMEWORKS.join(", ")}`,
    }),
    from: instant,
    to: instant,
    formats: z
      .array(z.enum(["pdf", "csv", "json"]))
      .min(1, "choose at least one format")
      .transform((formats) => [...new Set(formats)]),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.from.getTime() >= value.to.getTime()) {
      context.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    } else if (value.to.getTime() - value.from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      context.addIssue({ code: "custom", path: ["to"], message: `the period may be at most ${MAX_PERIOD_DAYS} days` });
    }
  });

export type ExportRequestInput = z.input<typeof exportRequestSchema>;
export type ExportActor = { email: string; name?: string | null };

export async function requestExport(tenantId: string, actor: ExportActor, input: unknown): Promise<{ id: string }> {
  const request = exportRequestSchema.parse(input);
  const id = randomUUID();
  const boss = await exportQueue();
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO report_exports (id, tenant_id, framework, period_from, period_to, formats, status, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7)`,
      [id, tenantId, request.framework, request.from, request.to, request.formats, actor.email],
    );
    const job: ExportJob = { tenantId, exportId: id };
    const executeSql = (text: string, values: unknown[]) => client.query(text, values);
    const jobId = await boss.send(EXPORT_QUEUE, job, { db: { executeSql } });
    if (!jobId) throw new ApiError(503, "queue_unavailable", "The export could not be queued; try again.");
    await recordSelfAudit(tenantId, {
      type: "x-attest.export.requested",
      actor: { type: "user", id: actor.email, name: actor.name },
      target: { type: "x-attest.export", id },
      attributes: {
        framework: request.framework,
        period: { from: request.from.toISOString(), to: request.to.toISOString() },
        formats: request.formats,
      },
    });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return { id };
}
