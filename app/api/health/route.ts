import { apiRoute } from "@/lib/api/route";
import { databaseHealth } from "@/lib/queries/database-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "none" }, async () => {
  const database = await databaseHealth();
  // The error text can name hosts; health is unauthenticated, so it is not returned.
  const body = {
    status: database.reachable ? "ok" : "degraded",
    database: { reachable: database.reachable, latencyMs: database.latencyMs },
  };
  return Response.json(body, { status: database.reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
