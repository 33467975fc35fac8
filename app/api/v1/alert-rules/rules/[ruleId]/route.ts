import { z } from "zod";
import { deleteRule, setRuleEnabled, updateRule } from "@/lib/alerts/rules/one-rule";
import { ifMatchVersion, oneRuleResponse } from "@/lib/alerts/rules/one-rule-http";
import { ruleSchema } from "@/lib/alerts/rules/schema";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, jsonBody } from "@/lib/api/route";

// One rule of the tenant's rule set, for admins and analysts. Every change is a new version of
// the whole set by the signed-in user (source "ui"); If-Match: "<version>" refuses it (412)
// when the rules changed since. A rule id that is not in the set is 404.
//   PUT    { rule }      replaces the rule (its id cannot change)
//   PATCH  { enabled }   enables or disables it
//   DELETE               removes it

const actorOf = (email: string) => `user:${email}`;

export const PUT = apiRoute({ auth: "session", permission: "rules:manage" }, async ({ request, params, auth }) => {
  const ruleId = String(params.ruleId);
  const { rule } = await jsonBody(request, z.strictObject({ rule: ruleSchema }));
  if (rule.id !== ruleId)
    throw new ApiError(400, "invalid_request", `rule.id must stay "${ruleId}"; a rule's id cannot be changed.`);
  const expectedVersion = ifMatchVersion(request);
  return oneRuleResponse(() =>
    updateRule(auth.tenant.id, ruleId, rule, { actor: actorOf(auth.user.email), expectedVersion }),
  );
});

export const PATCH = apiRoute({ auth: "session", permission: "rules:manage" }, async ({ request, params, auth }) => {
  const { enabled } = await jsonBody(request, z.strictObject({ enabled: z.boolean() }));
  const expectedVersion = ifMatchVersion(request);
  return oneRuleResponse(() =>
    setRuleEnabled(auth.tenant.id, String(params.ruleId), enabled, {
      actor: actorOf(auth.user.email),
      expectedVersion,
    }),
  );
});

export const DELETE = apiRoute({ auth: "session", permission: "rules:manage" }, async ({ request, params, auth }) => {
  const expectedVersion = ifMatchVersion(request);
  return oneRuleResponse(() =>
    deleteRule(auth.tenant.id, String(params.ruleId), { actor: actorOf(auth.user.email), expectedVersion }),
  );
});
