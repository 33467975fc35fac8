import { apiRoute } from "@/lib/api/route";
import { openExportFile } from "@/lib/exports/download";

// GET /api/v1/reports/:id/files/:name — one file of a finished export (a name from its
// manifest, or manifest.json), streamed as an attachment. Each download is recorded as
// x-attest.export.downloaded before a byte is sent.
export const GET = apiRoute({ auth: "session", permission: "reports:export" }, async ({ params, auth }) => {
  const file = await openExportFile(auth, String(params.id), String(params.name));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes),
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
