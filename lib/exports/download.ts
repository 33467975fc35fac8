import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { ApiError, notFound } from "../api/errors";
import { recordSelfAudit } from "../audit/record";
import { prisma } from "../db";
import { contentTypeOf, type ExportFileName, exportFilePath, isExportFileName, isUuid, MANIFEST_NAME } from "./files";
import type { Manifest } from "./manifest";

// Serving a finished export's file. The name must be one of the fixed export names AND listed
// in this export's manifest (or be manifest.json), so the path is never built from input. The
// download is recorded in the tenant's audit trail first; if that fails, nothing is sent.

type Caller = { tenant: { id: string }; user: { email: string; name: string | null } };

export type ExportFile = { name: ExportFileName; bytes: number; contentType: string; body: ReadableStream };

export async function openExportFile(caller: Caller, exportId: string, name: string): Promise<ExportFile> {
  const tenantId = caller.tenant.id;
  if (!isUuid(exportId) || !isExportFileName(name)) throw notFound("No such file in this export.");
  const row = await prisma.reportExport.findFirst({
    where: { tenantId, id: exportId },
    select: { status: true, manifest: true },
  });
  if (!row) throw notFound("No such export in this tenant.");
  const manifest = row.manifest as Manifest | null;
  if (row.status !== "done" || !manifest) throw new ApiError(409, "not_ready", "This export is not finished.");
  if (name !== MANIFEST_NAME && !manifest.files.some((f) => f.name === name)) {
    throw notFound("No such file in this export.");
  }
  const file = exportFilePath(tenantId, exportId, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    throw new ApiError(
      410,
      "file_gone",
      "The export's files are no longer on this server (ATTEST_EXPORT_DIR); run the export again.",
    );
  }
  await recordSelfAudit(tenantId, {
    type: "x-attest.export.downloaded",
    actor: { type: "user", id: caller.user.email, name: caller.user.name },
    target: { type: "x-attest.export", id: exportId },
    attributes: { file: name, bytes: info.size },
  });
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream;
  return { name, bytes: info.size, contentType: contentTypeOf(name), body };
}
