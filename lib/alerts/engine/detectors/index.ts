import type { DETECTORS, DetectorRule } from "../../rules/schema";
import type { Evaluator } from "../types";
import { crossTenantToken } from "./cross-tenant";
import { delegationEscalation, outOfConsentScope, useAfterConsentRevoked } from "./findings";
import { newAgentOrClient } from "./first-seen";
import { newToolForAgent } from "./new-tool";
import { offHours } from "./off-hours";
import { rateAnomaly } from "./rate-anomaly";

// The built-in detectors, one evaluator per name of DETECTORS. Each reads the batch (and what
// it needs around it through the evaluation's transaction) and returns its candidates; the
// caller stores them once per (rule, group, window).

const EVALUATORS: Record<(typeof DETECTORS)[number], Evaluator<DetectorRule>> = {
  use_after_consent_revoked: useAfterConsentRevoked,
  out_of_consent_scope: outOfConsentScope,
  delegation_escalation: delegationEscalation,
  cross_tenant_token: crossTenantToken,
  new_agent_or_client: newAgentOrClient,
  new_tool_for_agent: newToolForAgent,
  rate_anomaly: rateAnomaly,
  off_hours: offHours,
};

export const detectorEvaluator: Evaluator<DetectorRule> = async (rule, context) => {
  if (context.events.length === 0) return [];
  return EVALUATORS[rule.detector](rule, context);
};
