import { etagOf } from "@/lib/alerts/rules/http";
import { restoreRuleSetVersion } from "@/lib/alerts/rules/store";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

// POST /api/v1/alert-rules/versions/<n>/restore: makes version n the rule set in force again,
// as a new version. Another tenant's version number is simply not found.
export const POST = apiRoute(
  { auth: "sessionOrApiToken", permission: "rules:manage", scope: "rules:write" },
  async ({ params, actor }) => {
    const version = Number(params.version);
    const result =
      Number.isInteger(version) && version > 0
        ? await restoreRuleSetVersion(actor.tenantId, version, actor.label)
        : null;
    if (!result) throw notFound("No such rule set version.");
    return Response.json(result, { headers: { ETag: etagOf(result.version), "Cache-Control": "no-store" } });
  },
);
