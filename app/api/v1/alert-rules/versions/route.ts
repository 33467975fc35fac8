import { ruleSetVersions } from "@/lib/alerts/rules/store";
import { apiRoute } from "@/lib/api/route";

// GET /api/v1/alert-rules/versions: every version of the rule set, newest first, with who
// applied it, from where, when, and what changed.
export const GET = apiRoute({ auth: "sessionOrApiToken", permission: "data:read", scope: "rules:write" }, async (c) =>
  Response.json({ versions: await ruleSetVersions(c.actor.tenantId) }, { headers: { "Cache-Control": "no-store" } }),
);
