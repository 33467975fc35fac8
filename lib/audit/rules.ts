import type { RuleSetDiff } from "../alerts/rules/diff";
import { actorFromLabel, currentClientInfo } from "./actors";
import { recordAfterAction, withClient } from "./after-action";

// x-attest.rules.changed: one event per new rule-set version, after it committed. The version
// row itself (alert_rule_versions) keeps the whole document and diff; the event says who, when,
// from where, and which rule ids, so SOX and PCI reports see audit-configuration changes.

export async function auditRuleChange(
  tenantId: string,
  change: { version: number; previousVersion: number; diff: RuleSetDiff; actor: string; source: string },
): Promise<void> {
  const actor = actorFromLabel(change.actor);
  if (!actor) return;
  const { diff } = change;
  await recordAfterAction(
    tenantId,
    withClient(
      {
        type: "x-attest.rules.changed",
        target: { type: "x-rule-set", id: `v${change.version}` },
        attributes: {
          version: change.version,
          previousVersion: change.previousVersion,
          source: change.source,
          added: diff.added,
          removed: diff.removed,
          changed: diff.changed.map((c) => c.id),
          reordered: diff.reordered,
        },
      },
      actor,
      await currentClientInfo(),
    ),
  );
}
