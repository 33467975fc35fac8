import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertActions } from "@/components/alerts/alert-actions";
import { groupText, inboxHrefForRule } from "@/components/alerts/alerts-table";
import { AlertStatusBadge, SeverityBadge } from "@/components/alerts/badges";
import { EvidenceTable } from "@/components/alerts/evidence-table";
import { ExplanationList } from "@/components/alerts/explanation-list";
import { NotesTimeline } from "@/components/alerts/notes-timeline";
import { formatUtc } from "@/components/policies/format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass, muted } from "@/components/ui/styles";
import { alertDetail } from "@/lib/alerts/inbox";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";

type Props = { params: Promise<{ alertId: string }> };

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: Props) {
  const { alertId } = await params;
  const auth = await requirePageAuth("data:read", `/alerts/${encodeURIComponent(alertId)}`);
  // Scoped to the signed-in tenant: another tenant's alert id is a 404, never a 403.
  const detail = await alertDetail(auth.tenant.id, alertId);
  if (!detail) notFound();
  const { alert, evidence, notes } = detail;
  const missing = alert.evidenceIds.length - evidence.length;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/alerts" className={linkClass}>
          ← Alerts
        </Link>
      </p>
      <PageHeader
        title={alert.ruleName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
            <span>{alert.assignee ? `assigned to ${alert.assignee}` : "unassigned"}</span>
            <span aria-hidden="true">·</span>
            <span>fired {formatUtc(alert.firedAt)} UTC</span>
            <span aria-hidden="true">·</span>
            <Link href={inboxHrefForRule(alert.ruleId)} className={linkClass}>
              rule {alert.ruleId} (version {alert.ruleVersion})
            </Link>
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Why it fired">
            <p className="mb-3 text-sm text-slate-900 dark:text-slate-100">{alert.summary}</p>
            <dl className={`mb-3 flex flex-wrap gap-x-6 gap-y-1 text-xs ${muted}`}>
              <div>
                <dt className="inline">Group: </dt>
                <dd className="inline font-mono">{groupText(alert.groupKey)}</dd>
              </div>
              <div>
                <dt className="inline">Window: </dt>
                <dd className="inline font-mono">
                  {formatUtc(alert.windowStart)} – {formatUtc(alert.windowEnd)} UTC
                </dd>
              </div>
            </dl>
            <ExplanationList explanation={alert.explanation} />
          </Card>
        </div>
        <div className="space-y-4">
          {can(auth.role, "alerts:handle") && (
            <Card title="Handle">
              <AlertActions alertId={alert.id} status={alert.status} assignee={alert.assignee} me={auth.user.email} />
            </Card>
          )}
          <Card title="History">
            <NotesTimeline notes={notes} />
          </Card>
        </div>
      </div>
      <section aria-labelledby="evidence-heading" className="mt-6">
        <h2 id="evidence-heading" className="mb-2 text-base font-semibold text-slate-900 dark:text-slate-100">
          Evidence ({evidence.length})
        </h2>
        {evidence.length > 0 ? (
          <EvidenceTable events={evidence} />
        ) : (
          <p className={`text-sm ${muted}`}>This alert names no stored events.</p>
        )}
        {missing > 0 && (
          <p className={`mt-2 text-sm ${muted}`}>
            {missing} of the {alert.evidenceIds.length} evidence events are no longer stored.
          </p>
        )}
      </section>
    </>
  );
}
