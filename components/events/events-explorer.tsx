"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useEventPages, useEventTail } from "@/components/hooks/event-queries";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, linkClass } from "@/components/ui/styles";
import type { EventsPage } from "@/lib/queries/events-page";
import type { EventListItem } from "@/lib/queries/events-sql";
import { EventsTable } from "./events-table";
import { explorerViewHref } from "./format";
import { LiveToggle } from "./live-toggle";

// The explorer's client half: infinite pages over the keyset cursor, the live tail prepended
// on top, and URL updates for selection and the live switch. The first page comes from the
// server render, so the explorer shows data before any JavaScript runs. The page keys this
// component by its filters, so new filters start a fresh list (and a fresh tail).

type Props = { filterQuery: string; firstPage: EventsPage; selectedId: string | null; live: boolean };

const maxSeq = (events: EventListItem[]) =>
  events.reduce((max, e) => (BigInt(e.seq) > max ? BigInt(e.seq) : max), 0n).toString();

export function EventsExplorer({ filterQuery, firstPage, selectedId, live }: Props) {
  const router = useRouter();
  const pages = useEventPages(filterQuery, firstPage);
  const [tailed, setTailed] = useState<EventListItem[]>([]);

  const paged = useMemo(() => pages.data?.pages.flatMap((p) => p.events) ?? [], [pages.data]);
  const events = useMemo(() => (tailed.length ? [...tailed, ...paged] : paged), [tailed, paged]);
  const newestSeq = useMemo(() => maxSeq(events), [events]);
  const tail = useEventTail(filterQuery, newestSeq, live);

  useEffect(() => {
    const fresh = tail.data?.events;
    if (!fresh?.length) return;
    setTailed((previous) => {
      const known = new Set(previous.map((e) => e.seq));
      return [...fresh.filter((e) => !known.has(e.seq)), ...previous];
    });
  }, [tail.data]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const open = useCallback(
    (eventId: string) => router.push(explorerViewHref(filterQuery, { event: eventId, live }), { scroll: false }),
    [router, filterQuery, live],
  );
  const toggleLive = () =>
    router.replace(explorerViewHref(filterQuery, { event: selectedId, live: !live }), { scroll: false });

  const liveStatus = !live
    ? "Off"
    : tail.isError
      ? `Paused: ${tail.error.message}`
      : `On: checking every 3 s${tailed.length ? `, ${tailed.length} new` : ""}`;

  return (
    <section aria-label="Event list" className="min-w-0 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {events.length.toLocaleString("en-US")} events shown{hasNextPage ? ", more available" : ""}
        </p>
        <LiveToggle live={live} onToggle={toggleLive} status={liveStatus} />
      </div>
      {events.length === 0 ? (
        <EmptyState title="No events match these filters">
          Widen the time range or{" "}
          <a className={linkClass} href={explorerViewHref("", { live })}>
            clear the filters
          </a>
          .{live ? " New matching events will appear here as they arrive." : ""}
        </EmptyState>
      ) : (
        <EventsTable events={events} selectedId={selectedId} onOpen={open} onNearEnd={loadMore} />
      )}
      {pages.isFetchNextPageError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not load more events: {pages.error?.message}
        </p>
      )}
      {hasNextPage && (
        <div className="flex justify-center">
          <button type="button" className={buttonClass} onClick={loadMore} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}
