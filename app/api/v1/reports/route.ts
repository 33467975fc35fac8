import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { requestExport } from "@/lib/exports/request";
import { listExports } from "@/lib/exports/store";

// POST /api/v1/reports — queue a compliance report export for the active tenant (202 {id});
// the worker writes it. GET — the tenant's recent exports with status and progress.
export const POST = apiRoute({ auth: "session", permission: "reports:export" }, async ({ request, auth }) => {
  // requestExport validates (zod): a bad field is a 400 naming it.
  const input = await jsonBody(request, z.unknown());
  const { id } = await requestExport(auth.tenant.id, auth.user, input);
  return Response.json(
    { id },
    { status: 202, headers: { "Cache-Control": "no-store", Location: `/api/v1/reports/${id}` } },
  );
});

export const GET = apiRoute({ auth: "session", permission: "reports:export" }, async ({ auth }) =>
  Response.json({ exports: await listExports(auth.tenant.id) }, { headers: { "Cache-Control": "no-store" } }),
);
