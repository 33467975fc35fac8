"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { EventListItem } from "@/lib/queries/events-sql";
import { formatEventTime } from "./format";
import { OutcomeBadge } from "./outcome-badge";
import { SuspendedMarker } from "./suspended-marker";

// The explorer's rows, virtualized: only the rows in view (plus a margin) are in the DOM, so
// ten thousand loaded events scroll like fifty. It stays a real table (spacer rows keep the
// scroll height), and one row at a time is in the tab order: arrows move, Enter opens.

const ROW_HEIGHT = 41;
const COLUMNS = ["Time (UTC)", "Type", "Outcome", "Actor", "On behalf of", "Target", "Correlation ID"];
// Fixed widths for the short columns; the id columns share the rest and truncate (with a title).
const WIDTHS = ["w-44", "w-44", "w-24", "w-52", "", "", ""];
const cell = "truncate whitespace-nowrap px-3 py-2.5 align-middle";
const mono = "font-mono text-xs";
const none = <span className="text-slate-500 dark:text-slate-400">—</span>;

type Props = {
  events: EventListItem[];
  selectedId: string | null;
  onOpen: (eventId: string) => void;
  /** Called when the last rows come into view, to load the next page. */
  onNearEnd: () => void;
};

export function EventsTable({ events, selectedId, onOpen, onNearEnd }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedIndex = events.findIndex((e) => e.eventId === selectedId);
  const [active, setActive] = useState(Math.max(0, selectedIndex));
  const wantFocus = useRef(false);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Lets the server render the first screenful before the browser has measured anything.
    initialRect: { width: 1200, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (events.length > 0 && lastIndex >= events.length - 15) onNearEnd();
  }, [lastIndex, events.length, onNearEnd]);

  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const clamped = Math.min(active, Math.max(0, events.length - 1));
  function move(index: number) {
    const next = Math.min(Math.max(index, 0), events.length - 1);
    wantFocus.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }
  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    let target: number | "open";
    switch (event.key) {
      case "ArrowDown":
        target = index + 1;
        break;
      case "ArrowUp":
        target = index - 1;
        break;
      case "PageDown":
        target = index + page;
        break;
      case "PageUp":
        target = index - page;
        break;
      case "Home":
        target = 0;
        break;
      case "End":
        target = events.length - 1;
        break;
      case "Enter":
      case " ":
        target = "open";
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target === "open") onOpen(events[index]?.eventId ?? "");
    else move(target);
  }

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div
      ref={scrollRef}
      className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
    >
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: rows are focusable and selectable, which is the grid pattern
        role="grid"
        aria-label="Events"
        aria-rowcount={events.length + 1}
        className="w-full min-w-[60rem] table-fixed border-collapse text-sm"
      >
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 shadow-[0_1px_0] shadow-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:shadow-slate-800">
          <tr aria-rowindex={1}>
            {COLUMNS.map((name, i) => (
              <th key={name} scope="col" className={`${cell} ${WIDTHS[i]}`}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtualizer, never focusable
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: before, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const event = events[item.index] as EventListItem;
            const selected = event.eventId === selectedId;
            return (
              <tr
                key={event.seq}
                data-index={item.index}
                data-event-id={event.eventId}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                tabIndex={item.index === clamped ? 0 : -1}
                onClick={() => {
                  setActive(item.index);
                  onOpen(event.eventId);
                }}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onKeyDown(e, item.index)}
                style={{ height: ROW_HEIGHT }}
                className={`cursor-pointer border-b border-slate-100 outline-offset-[-2px] dark:border-slate-800/70 ${
                  selected ? "bg-sky-50 dark:bg-sky-950/50" : "hover:bg-slate-50 dark:hover:bg-slate-900/60"
                }`}
              >
                <td className={`${cell} ${mono} text-slate-600 dark:text-slate-400`}>
                  <time dateTime={event.time} title={event.time}>
                    {formatEventTime(event.time, "s")}
                  </time>
                </td>
                <td className={`${cell} ${mono} text-slate-900 dark:text-slate-100`}>{event.type}</td>
                <td className={cell}>
                  <OutcomeBadge outcome={event.outcome} />
                </td>
                <td className={cell} title={event.actorName ?? undefined}>
                  <span className="text-xs text-slate-600 dark:text-slate-400">{event.actorType}</span>{" "}
                  <span className={`${mono} text-slate-900 dark:text-slate-100`}>{event.actorId}</span>
                  {event.actorSuspended && <SuspendedMarker />}
                </td>
                <td className={`${cell} ${mono}`} title={event.onBehalfOfId ?? undefined}>
                  {event.onBehalfOfId ?? none}
                </td>
                <td className={`${cell} ${mono}`} title={event.targetId ?? undefined}>
                  {event.targetId ?? none}
                </td>
                <td
                  className={`${cell} ${mono} text-slate-600 dark:text-slate-400`}
                  title={event.correlationId ?? undefined}
                >
                  {event.correlationId ?? none}
                </td>
              </tr>
            );
          })}
          {after > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtualizer, never focusable
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: after, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
