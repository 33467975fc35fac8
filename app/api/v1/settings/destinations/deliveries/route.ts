import { z } from "zod";
import { listDeliveries } from "@/lib/alerts/notify/deliveries";
import { apiRoute } from "@/lib/api/route";

const query = z.object({
  alertId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

// The delivery log of the active tenant, newest first: one row per attempt.
export const GET = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const url = new URL(request.url);
  const { alertId, limit } = query.parse({
    alertId: url.searchParams.get("alertId") ?? undefined,
    limit: url.searchParams.get("limit") ?? undefined,
  });
  return Response.json({ deliveries: await listDeliveries(auth.tenant.id, { alertId, limit }) });
});
