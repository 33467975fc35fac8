import { z } from "zod";
import { createRule } from "@/lib/alerts/rules/one-rule";
import { ifMatchVersion, oneRuleResponse } from "@/lib/alerts/rules/one-rule-http";
import { ruleSchema } from "@/lib/alerts/rules/schema";
import { apiRoute, jsonBody } from "@/lib/api/route";

// POST /api/v1/alert-rules/rules { rule }: adds one rule to the rule set, as a new version by
// the signed-in user (source "ui"). If-Match: "<version>" refuses it (412) when the rules
// changed since; an id already in use is 409.
export const POST = apiRoute({ auth: "session", permission: "rules:manage" }, async ({ request, auth }) => {
  const { rule } = await jsonBody(request, z.strictObject({ rule: ruleSchema }));
  const expectedVersion = ifMatchVersion(request);
  return oneRuleResponse(
    () => createRule(auth.tenant.id, rule, { actor: `user:${auth.user.email}`, expectedVersion }),
    201,
  );
});
