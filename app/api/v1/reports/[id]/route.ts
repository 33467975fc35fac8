import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { isUuid } from "@/lib/exports/files";
import { getExport } from "@/lib/exports/store";

// GET /api/v1/reports/:id — status, phase, progress, files and the signed manifest. Another
// tenant's export is a 404, so its existence is never confirmed.
export const GET = apiRoute({ auth: "session", permission: "reports:export" }, async ({ params, auth }) => {
  const id = String(params.id);
  const detail = isUuid(id) ? await getExport(auth.tenant.id, id) : null;
  if (!detail) throw notFound("No such export in this tenant.");
  return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
});
