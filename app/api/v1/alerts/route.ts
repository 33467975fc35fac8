import { listAlerts, listFilterSchema } from "@/lib/alerts/inbox";
import { apiRoute } from "@/lib/api/route";

// GET /api/v1/alerts?status=active|open|acknowledged|resolved|all&severity=&rule=&page= — newest
// first, 50 a page; every role may read. An unknown filter value is a 400 naming the field.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ request, auth }) => {
  const params = new URL(request.url).searchParams;
  const filter = listFilterSchema.parse(Object.fromEntries(params));
  const result = await listAlerts(auth.tenant.id, filter);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
