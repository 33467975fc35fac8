import type { Metadata } from "next";
import Link from "next/link";
import { RulesTable } from "@/components/alerts/rules/rules-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, primaryButtonClass } from "@/components/ui/styles";
import { lastChangedVersions } from "@/lib/alerts/rules/one-rule";
import { currentRuleSet, ruleSetVersions } from "@/lib/alerts/rules/store";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Alert rules" };

export default async function AlertRulesPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const auth = await requirePageAuth("data:read", "/alerts/rules");
  const canManage = can(auth.role, "rules:manage");
  const [{ version, ruleSet }, versions, { saved }] = await Promise.all([
    currentRuleSet(auth.tenant.id),
    ruleSetVersions(auth.tenant.id),
    searchParams,
  ]);
  return (
    <>
      <PageHeader
        title="Alert rules"
        description={
          version
            ? `${ruleSet.rules.length} rules in force (version ${version}). Every change, here or through the API, is a new version.`
            : "No rules yet. Every change, here or through the API, is a new version."
        }
        actions={
          <>
            {canManage && (
              <Link href="/alerts/rules/new" className={primaryButtonClass}>
                New rule
              </Link>
            )}
            <a href="/api/v1/alert-rules" download="alert-rules.yaml" className={buttonClass}>
              Export YAML
            </a>
            <Link href="/alerts/rules/versions" className={buttonClass}>
              Version history
            </Link>
          </>
        }
      />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200"
        >
          Saved rule <span className="font-mono">{saved}</span> as version {version}.
        </p>
      )}
      {ruleSet.rules.length === 0 ? (
        <EmptyState title="No alert rules">
          {canManage
            ? "Create one with New rule, or apply a YAML rule set from CI/CD (see the README, “Alert rules as code”)."
            : "An admin or analyst can create rules here or apply them from CI/CD."}
        </EmptyState>
      ) : (
        <RulesTable
          rules={ruleSet.rules}
          lastChanged={lastChangedVersions(versions)}
          oldestListed={versions[versions.length - 1]?.version ?? version}
          canManage={canManage}
        />
      )}
      {!canManage && (
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          Your role can read the rules; admins and analysts change them.
        </p>
      )}
    </>
  );
}
