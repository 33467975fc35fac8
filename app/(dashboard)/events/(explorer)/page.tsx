import type { Metadata } from "next";
import Link from "next/link";
import { EventDetailView } from "@/components/events/event-detail";
import { EventsExplorer } from "@/components/events/events-explorer";
import { FilterBar } from "@/components/events/filter-bar";
import { explorerViewHref } from "@/components/events/format";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { eventVisibility, SELF_AUDIT_TYPE_FILTER } from "@/lib/audit/visibility";
import { requirePageAuth } from "@/lib/auth/session";
import { eventFilterParams, explorerHref, parseEventFilters, toSearchParams } from "@/lib/filters/event-filters";
import { eventById } from "@/lib/queries/event-by-id";
import { eventsPage } from "@/lib/queries/events-page";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The events explorer. Every bit of view state is in the URL (filters, ?event=<id> for the
// detail panel, ?live=1 for the tail), so a copied link reproduces the view.
export default async function EventsPage({ searchParams }: Props) {
  const params = toSearchParams(await searchParams);
  const auth = await requirePageAuth("data:read", `/events?${params}`);
  const filters = parseEventFilters(params);
  const filterQuery = eventFilterParams(filters).toString();
  const selectedId = params.get("event");
  const live = params.get("live") === "1";
  const visibility = eventVisibility(auth.role);
  const [firstPage, selected] = await Promise.all([
    eventsPage(auth.tenant.id, filters, { visibility }),
    selectedId ? eventById(auth.tenant.id, selectedId, visibility) : null,
  ]);
  const auditTrailHref = explorerHref({ range: filters.range, types: [SELF_AUDIT_TYPE_FILTER] });

  return (
    <>
      <PageHeader
        title="Events"
        description="Every audit event of this tenant, newest first. Filters, the selected event and the live tail are all in the URL: copy it to share this view."
      />
      {visibility.selfAudit && (
        <p className="mb-3 text-sm">
          <Link className={linkClass} href={auditTrailHref}>
            Dashboard audit trail
          </Link>{" "}
          <span className="text-slate-600 dark:text-slate-400">
            — sign-ins, exports, rule, key, token and member changes in Attest itself (
            <code className="font-mono">{SELF_AUDIT_TYPE_FILTER}</code>)
          </span>
        </p>
      )}
      <FilterBar
        key={filterQuery}
        live={live}
        extraTypes={visibility.selfAudit ? [SELF_AUDIT_TYPE_FILTER] : []}
        values={{
          ...filters,
          preset: filters.range.preset,
          from: filters.range.from.toISOString(),
          to: filters.range.to.toISOString(),
        }}
      />
      <div className={selectedId ? "grid gap-4 2xl:grid-cols-[minmax(0,1fr)_32rem]" : ""}>
        <EventsExplorer
          key={filterQuery}
          filterQuery={filterQuery}
          firstPage={firstPage}
          selectedId={selectedId}
          live={live}
        />
        {selectedId && (
          <aside
            aria-label="Event detail"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="mb-3 flex justify-between gap-2 text-sm">
              {selected ? (
                <Link className={linkClass} href={`/events/${encodeURIComponent(selected.eventId)}`}>
                  Open on its own page
                </Link>
              ) : (
                <span />
              )}
              <Link className={linkClass} href={explorerViewHref(filterQuery, { live })} scroll={false}>
                Close detail
              </Link>
            </div>
            {selected ? (
              <EventDetailView event={selected} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No event with id <code className="font-mono">{selectedId}</code> in this tenant.
              </p>
            )}
          </aside>
        )}
      </div>
    </>
  );
}
