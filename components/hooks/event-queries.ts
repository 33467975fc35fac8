"use client";

import { type InfiniteData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { EventsPage } from "@/lib/queries/events-page";
import type { EventListItem } from "@/lib/queries/events-sql";

// Query keys and hooks for the events explorer. `filterQuery` is the canonical URL query of
// the filters (eventFilterParams(...).toString()), so equal filters share one cache entry.

export const eventKeys = {
  all: ["events"] as const,
  list: (filterQuery: string) => ["events", "list", filterQuery] as const,
  tail: (filterQuery: string, afterSeq: string) => ["events", "tail", filterQuery, afterSeq] as const,
};

export class EventsRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.error?.message ?? `The server answered ${response.status}.`;
    throw new EventsRequestError(response.status, message);
  }
  return body as T;
}

function searchUrl(filterQuery: string, extra: Record<string, string>): string {
  const params = new URLSearchParams(filterQuery);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/api/v1/events/search?${params}`;
}

/** The explorer's pages; the server-rendered first page seeds the cache. */
export function useEventPages(filterQuery: string, firstPage: EventsPage) {
  return useInfiniteQuery({
    queryKey: eventKeys.list(filterQuery),
    queryFn: ({ pageParam, signal }) =>
      getJson<EventsPage>(searchUrl(filterQuery, pageParam ? { cursor: pageParam } : {}), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] } satisfies InfiniteData<EventsPage, string | null>,
    // Live tail prepends new events; the listed pages themselves never go stale.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const LIVE_TAIL_INTERVAL_MS = 3_000;

/** Events newer (by seq) than `afterSeq`, polled every few seconds while `enabled`. */
export function useEventTail(filterQuery: string, afterSeq: string, enabled: boolean) {
  return useQuery({
    queryKey: eventKeys.tail(filterQuery, afterSeq),
    queryFn: ({ signal }) => getJson<{ events: EventListItem[] }>(searchUrl(filterQuery, { after: afterSeq }), signal),
    enabled,
    refetchInterval: LIVE_TAIL_INTERVAL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
