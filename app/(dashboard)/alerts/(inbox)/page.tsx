import type { Metadata } from "next";
import Link from "next/link";
import { AlertFilters, inboxHref } from "@/components/alerts/alert-filters";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { listAlerts, parseListFilter } from "@/lib/alerts/inbox";
import { requirePageAuth } from "@/lib/auth/session";
import { toSearchParams } from "@/lib/filters/event-filters";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AlertsInboxPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/alerts");
  const filter = parseListFilter(toSearchParams(await searchParams));
  const { alerts, total, page, pageSize } = await listAlerts(auth.tenant.id, filter);
  const filtered = filter.status !== "all" || filter.severity || filter.rule;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <PageHeader
        title="Alerts"
        description="What the alert rules raised, newest first: acknowledge what you are looking at, resolve what is done."
        actions={
          <Link href="/alerts/rules" className={buttonClass}>
            Rules
          </Link>
        }
      />
      <AlertFilters filter={filter} />
      {alerts.length === 0 ? (
        <EmptyState title={filtered ? "No alerts match these filters" : "No alerts yet"}>
          Alerts are raised by this tenant's alert rules (thresholds, sequences and detectors) within seconds of the
          events arriving.{" "}
          {filtered
            ? "Choose another status or severity, or all, to see the rest."
            : "When a rule fires, its alert appears here."}
        </EmptyState>
      ) : (
        <>
          <AlertsTable alerts={alerts} caption={`Alerts (${total}), newest first`} />
          <nav
            aria-label="Alert pages"
            className="mt-3 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400"
          >
            <span>
              {(page - 1) * pageSize + 1}–{(page - 1) * pageSize + alerts.length} of {total.toLocaleString("en-US")}
            </span>
            <span className="flex gap-2">
              {page > 1 && (
                <Link className={buttonClass} href={inboxHref({ ...filter, page: page - 1 })}>
                  Newer
                </Link>
              )}
              {page < pages && (
                <Link className={buttonClass} href={inboxHref({ ...filter, page: page + 1 })}>
                  Older
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
