import { applyFromRequest, exportResponse } from "@/lib/alerts/rules/http";
import { currentRuleSet } from "@/lib/alerts/rules/store";
import { apiRoute } from "@/lib/api/route";

// Alert rules as code. GET exports the tenant's rule set (YAML, or ?format=json); PUT applies
// a whole rule set (?dryRun=1 returns the diff and stores nothing; If-Match guards against
// overwriting a newer version). Either a dashboard session or a CI/CD API token with the
// rules:write scope; reading takes any role, applying takes rules:manage.
export const GET = apiRoute({ auth: "sessionOrApiToken", permission: "data:read", scope: "rules:write" }, async (c) =>
  exportResponse(await currentRuleSet(c.actor.tenantId), new URL(c.request.url).searchParams.get("format")),
);

export const PUT = apiRoute({ auth: "sessionOrApiToken", permission: "rules:manage", scope: "rules:write" }, (c) =>
  applyFromRequest(c.request, c.actor),
);
