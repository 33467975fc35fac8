import { explorerHref } from "@/lib/filters/event-filters";

// Every event of one request. The request's events can fall outside the page's range (an
// approval decided after it ends), so the explorer gets a window of a day around the request.
export function requestEventsHref(correlationId: string, around: Date): string {
  const day = 86_400_000;
  return explorerHref({
    correlationId,
    range: { preset: "custom", from: new Date(around.getTime() - day), to: new Date(around.getTime() + day) },
  });
}

export const traceHref = (correlationId: string) => `/traces/${encodeURIComponent(correlationId)}`;
export const eventHref = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;
