import type { OverviewEvent } from "@/lib/queries/demo-overview";
import { OutcomeBadge } from "./outcome-badge";

const cell = "whitespace-nowrap px-3 py-2 align-top";
const mono = "font-mono text-xs";

function formatTime(time: Date) {
  // UTC, to the second: audit timelines are compared across machines and time zones.
  return `${time.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function LatestEventsTable({ events, caption }: { events: OverviewEvent[]; caption: string }) {
  return (
    <section
      // A scrollable region must be focusable so keyboard users can scroll it sideways.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region, see above
      tabIndex={0}
      aria-label={caption}
      className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className={cell}>
              Time
            </th>
            <th scope="col" className={cell}>
              Type
            </th>
            <th scope="col" className={cell}>
              Actor
            </th>
            <th scope="col" className={cell}>
              Outcome
            </th>
            <th scope="col" className={cell}>
              Target
            </th>
            <th scope="col" className={cell}>
              Correlation ID
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800/70 dark:bg-slate-950">
          {events.map((event) => (
            <tr key={event.seq} className="hover:bg-slate-50 dark:hover:bg-slate-900/60">
              <td className={`${cell} ${mono} text-slate-600 dark:text-slate-400`}>
                <time dateTime={event.time.toISOString()}>{formatTime(event.time)}</time>
              </td>
              <td className={`${cell} ${mono} text-slate-900 dark:text-slate-100`}>{event.type}</td>
              <td className={cell}>
                <span className="text-xs text-slate-500 dark:text-slate-400">{event.actorType}</span>{" "}
                <span className={`${mono} text-slate-900 dark:text-slate-100`}>{event.actorId}</span>
              </td>
              <td className={cell}>
                <OutcomeBadge outcome={event.outcome} />
              </td>
              <td className={cell}>
                {event.targetId ? (
                  <>
                    {event.targetType && (
                      <span className="text-xs text-slate-500 dark:text-slate-400">{event.targetType}</span>
                    )}{" "}
                    <span className={mono}>{event.targetId}</span>
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={`${cell} ${mono} text-slate-600 dark:text-slate-400`}>
                {event.correlationId ?? <span className="text-slate-400">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
