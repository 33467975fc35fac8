import type { DetectorRule } from "../../rules/schema";
import type { Candidate, EvalContext } from "../types";
import { actorOf, candidate, inScope } from "./common";

// A token minted for another tenant presented here: the resource server rejected it with
// reason cross_tenant. One alert per rejection; the foreign tenant is shown when the event says.

export async function crossTenantToken(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  return inScope(rule, context.events)
    .filter((event) => event.type === "token.rejected" && event.reason === "cross_tenant")
    .map((event) => {
      const token = event.data.token;
      const foreign = token?.tenant;
      return candidate(rule, {
        groupKey: `agent:${actorOf(event)}`,
        windowKey: event.eventId,
        windowStart: event.time,
        windowEnd: event.time,
        summary: `${actorOf(event)} presented a token from ${foreign ? `tenant ${foreign}` : "another tenant"}${
          event.data.resource ? ` to ${event.data.resource}` : ""
        } (rejected: cross_tenant)`,
        explanation: {
          reason: "cross_tenant",
          tokenTenant: foreign ?? null,
          tokenId: token?.id ?? event.targetId,
          audience: token?.audience ?? null,
          resource: event.data.resource ?? null,
          user: event.onBehalfOfId,
          client: event.clientId,
        },
        evidenceIds: [event.eventId],
      });
    });
}
