import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { eventVisibility } from "@/lib/audit/visibility";
import { parseEventFilters } from "@/lib/filters/event-filters";
import { decodeCursor } from "@/lib/queries/events-cursor";
import { eventsPage, MAX_PAGE_SIZE } from "@/lib/queries/events-page";
import { eventsAfter } from "@/lib/queries/events-tail";

// GET /api/v1/events/search?<explorer filters>&cursor=…  → the next page, older than the cursor
// GET /api/v1/events/search?<explorer filters>&after=<seq> → the live tail, newer than seq
const paging = z.object({
  cursor: z.string().min(1).max(400).optional(),
  after: z
    .string()
    .regex(/^[0-9]{1,19}$/, "must be a sequence number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ request, auth }) => {
  const params = new URL(request.url).searchParams;
  const { cursor, after, limit } = paging.parse({
    cursor: params.get("cursor") ?? undefined,
    after: params.get("after") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
  const filters = parseEventFilters(params);
  const headers = { "Cache-Control": "no-store" };
  const visibility = eventVisibility(auth.role);
  if (after !== undefined) {
    return Response.json(
      { events: await eventsAfter(auth.tenant.id, filters, BigInt(after), visibility) },
      { headers },
    );
  }
  const page = await eventsPage(auth.tenant.id, filters, {
    visibility,
    ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
    ...(limit ? { limit } : {}),
  });
  return Response.json(page, { headers });
});
