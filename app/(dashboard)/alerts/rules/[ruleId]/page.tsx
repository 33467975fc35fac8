import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RuleFormEditor } from "@/components/alerts/rules/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { ruleToForm } from "@/lib/alerts/rules/form";
import { currentRuleSet } from "@/lib/alerts/rules/store";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Edit alert rule" };

// A rule of the active tenant's rule set; any other id (another tenant's included) is a 404.
export default async function EditAlertRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  const auth = await requirePageAuth("rules:manage", `/alerts/rules/${encodeURIComponent(ruleId)}`);
  const { version, ruleSet } = await currentRuleSet(auth.tenant.id);
  const rule = ruleSet.rules.find((r) => r.id === ruleId);
  if (!rule) notFound();
  return (
    <>
      <PageHeader
        title={`Edit rule: ${rule.name}`}
        description={`Rule set version ${version}. Saving applies a new version; the history keeps this one.`}
      />
      <RuleFormEditor
        mode="edit"
        initial={ruleToForm(rule)}
        version={version}
        existingIds={ruleSet.rules.map((r) => r.id)}
      />
    </>
  );
}
