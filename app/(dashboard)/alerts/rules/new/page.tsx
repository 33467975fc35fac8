import type { Metadata } from "next";
import { RuleFormEditor } from "@/components/alerts/rules/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { emptyRuleForm } from "@/lib/alerts/rules/form";
import { currentRuleSet } from "@/lib/alerts/rules/store";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New alert rule" };

export default async function NewAlertRulePage() {
  const auth = await requirePageAuth("rules:manage", "/alerts/rules/new");
  const { version, ruleSet } = await currentRuleSet(auth.tenant.id);
  return (
    <>
      <PageHeader
        title="New alert rule"
        description="Test it against the last 24 hours or 7 days before you create it. Creating it applies a new version of the rule set."
      />
      <RuleFormEditor
        mode="new"
        initial={emptyRuleForm()}
        version={version}
        existingIds={ruleSet.rules.map((rule) => rule.id)}
      />
    </>
  );
}
