// UTC, to the millisecond: audit timelines are compared across machines and time zones.
export function formatEventTime(iso: string): string {
  return `${iso.slice(0, 23).replace("T", " ")}`;
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
