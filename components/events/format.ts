// UTC: audit timelines are compared across machines and time zones. The list shows seconds
// (the full value is in the <time> title); the detail shows milliseconds.
export function formatEventTime(iso: string, precision: "ms" | "s" = "ms"): string {
  return iso.slice(0, precision === "ms" ? 23 : 19).replace("T", " ");
}

export const agentHref = (agentId: string) => `/agents/${encodeURIComponent(agentId)}`;

/** The explorer's URL: the canonical filter query plus view state (selected event, live tail). */
export function explorerViewHref(filterQuery: string, view: { event?: string | null; live?: boolean }): string {
  const params = new URLSearchParams(filterQuery);
  if (view.event) params.set("event", view.event);
  if (view.live) params.set("live", "1");
  const query = params.toString();
  return query ? `/events?${query}` : "/events";
}
