import type { Metadata } from "next";
import Link from "next/link";
import { VersionList } from "@/components/alerts/rules/version-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { ruleSetVersions } from "@/lib/alerts/rules/store";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Alert rule versions" };

export default async function AlertRuleVersionsPage() {
  const auth = await requirePageAuth("data:read", "/alerts/rules/versions");
  const versions = await ruleSetVersions(auth.tenant.id);
  return (
    <>
      <PageHeader
        title="Alert rule versions"
        description="Every change to the rule set, from the dashboard, the API or a restore: who, when and what changed. The 100 newest are listed."
        actions={
          <Link href="/alerts/rules" className={buttonClass}>
            Back to rules
          </Link>
        }
      />
      {versions.length === 0 ? (
        <EmptyState title="No versions yet">The first rule created or applied becomes version 1.</EmptyState>
      ) : (
        <VersionList versions={versions} canManage={can(auth.role, "rules:manage")} />
      )}
    </>
  );
}
