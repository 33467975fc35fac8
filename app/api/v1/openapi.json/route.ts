import { apiRoute } from "@/lib/api/route";
import { collectorOpenApi } from "@/lib/contract/openapi";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "none" }, async ({ request }) =>
  Response.json(collectorOpenApi(new URL(request.url).origin)),
);
