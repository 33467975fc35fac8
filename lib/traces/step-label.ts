import type { EventData } from "../flags/types";
import { amountOf, principalName } from "./people";

// The short "what" of a step, shown beside its type in the waterfall: the tool and amount, the
// policy and its decision, who decided an approval, the API called, why a token was refused.

type LabelledEvent = { type: string; targetId: string | null; data: EventData };

export function stepWhat(event: LabelledEvent): string {
  const { data } = event;
  const amount = amountOf(data);
  const withAmount = (text: string) => (amount ? `${text} (${amount})` : text);
  if (event.type === "policy.evaluated" && data.policy) {
    const { id, version, decision } = data.policy;
    return `${id}${version ? ` v${version}` : ""}: ${decision.replaceAll("_", " ")}`;
  }
  if (event.type === "approval.requested") return withAmount(data.approval?.id ?? "approval");
  if (/^approval\.(granted|denied)$/.test(event.type)) {
    const by = principalName(data.approval?.approver) ?? principalName(data.actor);
    return by ? `by ${by}` : (data.approval?.id ?? "");
  }
  if (event.type === "token.rejected") return data.reason ?? event.targetId ?? "";
  if (event.type.startsWith("mcp.tool.")) return withAmount(event.targetId ?? "");
  return data.target?.name ?? event.targetId ?? "";
}
