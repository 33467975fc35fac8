import { openAlertCounts } from "@/lib/alerts/inbox";

// The navigation's count of open alerts, e.g. `<NavLink href="/alerts">Alerts <OpenAlertsBadge
// tenantId={auth.tenant.id} /></NavLink>`. A server component: it reads the count on each
// render of the shell. Nothing is shown when no alert is open; if the count cannot be read the
// badge is left out rather than breaking every page's navigation.
export async function OpenAlertsBadge({ tenantId }: { tenantId: string }) {
  const total = await openAlertCounts(tenantId).then(
    (counts) => counts.total,
    () => 0,
  );
  if (total === 0) return null;
  return (
    <span
      data-testid="open-alerts-badge"
      className="ml-auto inline-flex min-w-5 justify-center rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white tabular-nums"
    >
      {total > 99 ? "99+" : total}
      <span className="sr-only"> open</span>
    </span>
  );
}
