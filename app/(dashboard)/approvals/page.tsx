import type { Metadata } from "next";
import { ApprovalKpiTiles } from "@/components/approvals/approval-kpis";
import { ApprovalsTable } from "@/components/approvals/approvals-table";
import { StatusFilter } from "@/components/approvals/status-filter";
import { UnapprovedTable } from "@/components/approvals/unapproved-table";
import { RangePicker } from "@/components/overview/range-picker";
import { rangeText } from "@/components/policies/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/session";
import { toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange, timeRangeParams } from "@/lib/filters/time-range";
import type { ApprovalStatus } from "@/lib/flags/approval";
import { approvalsOverview, MAX_REQUESTS, parseApprovalStatus } from "@/lib/queries/approvals";

export const metadata: Metadata = { title: "Approvals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApprovalsPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/approvals");
  const params = toSearchParams(await searchParams);
  const range = parseTimeRange(params);
  const status = parseApprovalStatus(params.get("status"));
  const data = await approvalsOverview(auth.tenant.id, range);
  const statusHref = (next: ApprovalStatus | null) =>
    `/approvals?${new URLSearchParams({ ...timeRangeParams(range), ...(next ? { status: next } : {}) })}`;
  const shown = status ? data.approvals.filter((a) => a.status === status) : data.approvals;
  const threshold = data.threshold.toLocaleString("en-US");

  return (
    <>
      <PageHeader
        title="Approvals"
        description={`Human approvals requested over ${rangeText(range)}, how they ended, and actions that ran without one.`}
        actions={<RangePicker path="/approvals" range={range} keep={status ? { status } : {}} />}
      />
      {data.capped && (
        <p
          role="note"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
        >
          This range holds more than {MAX_REQUESTS.toLocaleString("en-US")} requests that needed or asked for approval;
          only the {MAX_REQUESTS.toLocaleString("en-US")} most recent were checked. Pick a shorter range to see all.
        </p>
      )}
      <ApprovalKpiTiles kpis={data.kpis} statusHref={statusHref} />

      <section aria-labelledby="requests-heading" className="mt-6">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="requests-heading" className="text-base font-semibold text-slate-900 dark:text-slate-100">
            Approval requests
          </h2>
          <StatusFilter current={status} href={statusHref} />
        </div>
        {shown.length === 0 ? (
          <EmptyState title={status ? `No ${status} approvals in this range` : "No approvals requested in this range"}>
            {status
              ? "Choose another status, or all, to see the other requests."
              : `Approval requests (approval.requested) appear here with their decision. Nothing was requested in ${rangeText(range)}.`}
          </EmptyState>
        ) : (
          <ApprovalsTable
            approvals={shown}
            caption={`Approval requests${status ? ` (${status})` : ""}, newest first`}
          />
        )}
      </section>

      <section aria-labelledby="unapproved-heading" className="mt-8">
        <h2 id="unapproved-heading" className="mb-1 text-base font-semibold text-slate-900 dark:text-slate-100">
          High-value actions without approval
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Tool and downstream calls with an amount above {threshold} in a request that asked for no approval, and calls
          whose policy required an approval that was never requested.
        </p>
        {data.unapproved.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              None in this range: every action above {threshold} had an approval.
            </p>
          </Card>
        ) : (
          <UnapprovedTable actions={data.unapproved} />
        )}
      </section>
    </>
  );
}
