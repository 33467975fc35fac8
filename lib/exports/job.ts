import { mkdir, rm, writeFile } from "node:fs/promises";
import type pg from "pg";
import { recordSelfAudit } from "../audit/record";
import { pool, prisma } from "../db";
import { sha256Hex } from "../integrity/canonical";
import { checkpointsCovering } from "../integrity/checkpoint-rows";
import { checkpointNow } from "../integrity/checkpoints";
import type { SignedCheckpoint } from "../integrity/statement";
import { verifyTenantChain } from "../integrity/verify";
import { log } from "../log";
import { type Framework, type IntegrityStatus, type ReportFormat, reportEventRange, writeReport } from "../reports";
import { type ExportFileName, exportDir, isExportFileName, MANIFEST_NAME } from "./files";
import { describeFiles, type ManifestIntegrity, manifestText, signManifest } from "./manifest";
import { progressWriter } from "./progress";
import { EXPORT_LOCK_NAMESPACE } from "./store";

// One export, in the worker:
//   1. claim    — take the export's advisory lock (held until the end: it is the heartbeat
//                 store.ts looks for), then queued → running
//   2. anchor   — sign a checkpoint of the chain head now (checkpointNow)
//   3. verify   — check the period's events against the chain (phase "verifying")
//   4. write    — the report files into ATTEST_EXPORT_DIR/<tenant>/<export>/ (lib/reports)
//   5. cover    — if events arrived during the export, one more checkpoint, so signed heads
//                 cover the report's whole event range
//   6. manifest — hash every file, sign, write manifest.json, store it on the row → done
// Any failure deletes what was written, marks the row failed with the reason, and records
// x-attest.export.failed; success records x-attest.export.completed with the manifest's hash.

const WORKER_ACTOR = { type: "service", id: "attest-export-worker", name: "Attest export worker" } as const;

async function lockExport(exportId: string): Promise<pg.PoolClient | null> {
  const client = await pool().connect();
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [
    EXPORT_LOCK_NAMESPACE,
    exportId,
  ]);
  if (rows[0]?.locked) return client;
  client.release();
  return null;
}

async function unlockExport(client: pg.PoolClient, exportId: string) {
  try {
    await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [EXPORT_LOCK_NAMESPACE, exportId]);
    client.release();
  } catch (error) {
    client.release(error as Error);
  }
}

const NOT_VERIFIED: Omit<ManifestIntegrity & IntegrityStatus, "checkpoint"> = {
  status: "not_verified",
  verifiedAt: null,
  eventsChecked: 0,
  findings: [],
  note: "The period holds no events, so there was nothing to verify.",
};

function integrityOf(
  checkpoint: SignedCheckpoint | null,
  result: Awaited<ReturnType<typeof verifyTenantChain>>,
  verifiedAt: Date,
): ManifestIntegrity & IntegrityStatus {
  return {
    status: result.status,
    verifiedAt: verifiedAt.toISOString(),
    eventsChecked: Number(result.eventsChecked),
    findings: result.findings.map((f) => ({
      kind: f.kind,
      seq: String(f.seq),
      ...(f.eventId ? { eventId: f.eventId } : {}),
      detail: f.detail,
    })),
    checkpoint,
    ...(result.truncated ? { note: "Only the first findings are listed; the verification stopped early." } : {}),
  };
}

/** Runs one queued export to done or failed. Never throws for the export's own failures. */
export async function runExport(tenantId: string, exportId: string): Promise<void> {
  const lock = await lockExport(exportId);
  if (!lock) return; // another worker has it
  try {
    const claimed = await prisma.reportExport.updateMany({
      where: { tenantId, id: exportId, status: "queued" },
      data: { status: "running", startedAt: new Date(), phase: "starting", progressDone: 0n, progressTotal: 0n },
    });
    if (claimed.count === 0) return;
    const row = await prisma.reportExport.findFirstOrThrow({ where: { tenantId, id: exportId } });
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const dir = exportDir(tenantId, exportId);
    const audit = {
      framework: row.framework,
      period: { from: row.periodFrom.toISOString(), to: row.periodTo.toISOString() },
      formats: row.formats,
      requestedBy: row.requestedBy,
    };
    try {
      const { manifest, manifestSha256 } = await produce(row, tenant, dir);
      // Recorded before the export is offered for download: an unrecorded export never is.
      await recordSelfAudit(tenantId, {
        type: "x-attest.export.completed",
        actor: WORKER_ACTOR,
        target: { type: "x-attest.export", id: exportId },
        attributes: { ...audit, manifestSha256, files: manifest.files.map((f) => f.name), events: manifest.eventRange },
      });
      await prisma.reportExport.updateMany({
        where: { tenantId, id: exportId, status: "running" },
        data: { status: "done", phase: "done", finishedAt: new Date(), manifest: manifest as object },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, tenantId, exportId }, "export failed");
      await rm(dir, { recursive: true, force: true }).catch(() => {});
      await prisma.reportExport.updateMany({
        where: { tenantId, id: exportId, status: "running" },
        data: { status: "failed", finishedAt: new Date(), error: `The export failed: ${message}` },
      });
      await recordSelfAudit(tenantId, {
        type: "x-attest.export.failed",
        actor: WORKER_ACTOR,
        outcome: "failure",
        target: { type: "x-attest.export", id: exportId },
        reason: message.slice(0, 500),
        attributes: audit,
      }).catch((auditError) => log.error({ err: auditError, exportId }, "x-attest.export.failed not recorded"));
    }
  } finally {
    await unlockExport(lock, exportId);
  }
}

type ExportRow = Awaited<ReturnType<typeof prisma.reportExport.findFirstOrThrow>>;
type TenantRow = { id: string; slug: string; name: string };

async function produce(row: ExportRow, tenant: TenantRow, dir: string) {
  const progress = progressWriter(tenant.id, row.id);
  const framework = row.framework as Framework;
  const formats = row.formats as ReportFormat[];
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  progress.report("checkpoint", 0, 1);
  let head = await checkpointNow(tenant.id);

  // The report selects events by their time; verify the seq span that holds all of them.
  progress.report("verifying", 0, 0);
  const range = await reportEventRange(tenant.id, row.periodFrom, row.periodTo);
  const verifiedAt = new Date();
  const integrity: ManifestIntegrity & IntegrityStatus =
    range.firstSeq === null || range.lastSeq === null
      ? { ...NOT_VERIFIED, checkpoint: head }
      : integrityOf(
          head,
          await verifyTenantChain(
            tenant.id,
            { fromSeq: BigInt(range.firstSeq), toSeq: BigInt(range.lastSeq) },
            {
              requestedBy: row.requestedBy,
              onProgress: (checked, total) => progress.report("verifying", checked, total),
            },
          ),
          verifiedAt,
        );

  // One generation time: the report states it and the manifest repeats it.
  const generatedAt = new Date();
  const written = await writeReport(
    {
      tenantId: tenant.id,
      framework,
      from: row.periodFrom,
      to: row.periodTo,
      generatedAt,
      generatedBy: row.requestedBy,
    },
    formats,
    dir,
    { integrity, onProgress: (p) => progress.report(p.phase, p.done, p.total) },
  );

  progress.report("manifest", 0, written.files.length);
  const { firstSeq, lastSeq } = written.eventRange;
  if (lastSeq !== null && (head === null || BigInt(head.seq) < BigInt(lastSeq))) {
    head = await checkpointNow(tenant.id);
  }
  const checkpoints =
    firstSeq !== null && lastSeq !== null
      ? await checkpointsCovering(tenant.id, BigInt(firstSeq), BigInt(lastSeq))
      : [];
  if (head && !checkpoints.some((c) => c.seq === head?.seq)) checkpoints.push(head);

  const names = written.files.map((f) => f.name);
  const unexpected = names.find((name) => !isExportFileName(name) || name === MANIFEST_NAME);
  if (unexpected) throw new Error(`the report wrote an unexpected file ${JSON.stringify(unexpected)}`);
  const files = await describeFiles(dir, names as ExportFileName[]);
  const manifest = await signManifest({
    version: 1,
    type: "attest.export-manifest",
    exportId: row.id,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    framework,
    period: { from: row.periodFrom.toISOString(), to: row.periodTo.toISOString() },
    generatedAt: generatedAt.toISOString(),
    generatedBy: row.requestedBy,
    eventRange: { count: written.eventRange.count, firstSeq, lastSeq },
    evidenceCount: written.evidenceCount,
    integrity,
    checkpoints,
    files,
  });
  const text = manifestText(manifest);
  await writeFile(`${dir}/${MANIFEST_NAME}`, text, { mode: 0o640 });
  progress.report("manifest", files.length, files.length);
  await progress.flush();
  return { manifest, manifestSha256: sha256Hex(text) };
}
