import { EventCount } from "@/components/events/event-count";
import { LatestEventsTable } from "@/components/events/latest-events-table";
import { FoundationHeader } from "@/components/foundation-header";
import { EmptyState } from "@/components/ui/empty-state";
import { demoOverview } from "@/lib/queries/demo-overview";
import { findTenantBySlug } from "@/lib/tenants";

// Reads the database on every request, so it is never prerendered at build time.
export const dynamic = "force-dynamic";

// This page has no sign-in. It shows the tenant with slug `demo` and nothing else: no other
// tenant's data is ever read here. Real tenants are only visible in the signed-in dashboard.
const DEMO_TENANT_SLUG = "demo";

export default async function HomePage() {
  const tenant = await findTenantBySlug(DEMO_TENANT_SLUG);
  const overview = tenant ? await demoOverview(tenant.id) : undefined;

  return (
    <>
      <FoundationHeader />
      <main className="mx-auto max-w-7xl space-y-6 px-6 py-8">
        <section aria-labelledby="page-title" className="max-w-3xl">
          <h1 id="page-title" className="text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">
            Demo tenant activity
          </h1>
          <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">
            This is Attest&apos;s foundation view: the audit events recorded for the{" "}
            <code className="font-mono">demo</code> tenant, newest first. The full dashboard — agents, traces,
            delegations, alerts and reports, behind sign-in — comes next.
          </p>
        </section>

        {!overview || overview.eventCount === 0 ? (
          <EmptyState title="No events yet">
            Run <code className="font-mono">npm run dev</code> to load demo data, then reload this page.
          </EmptyState>
        ) : (
          <>
            <dl className="grid max-w-xs grid-cols-1">
              <EventCount count={overview.eventCount} label="Events in demo tenant" />
            </dl>
            <section aria-labelledby="latest-events" className="space-y-2">
              <h2 id="latest-events" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
                Latest {overview.latestEvents.length} events
              </h2>
              <LatestEventsTable events={overview.latestEvents} caption="Latest events in the demo tenant" />
            </section>
          </>
        )}
      </main>
    </>
  );
}
