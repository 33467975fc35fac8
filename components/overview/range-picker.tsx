import Link from "next/link";
import { inputClass, labelClass } from "@/components/ui/styles";
import { RANGE_PRESETS, type TimeRange } from "@/lib/filters/time-range";

// The time range of a page, kept in the URL (?range=1h|24h|7d|30d or range=custom&from&to).
// Presets are plain links and the custom range a GET form, so it works without JavaScript and
// every choice can be shared by link. `keep` carries the page's other parameters along.

const LABELS: Record<keyof typeof RANGE_PRESETS, string> = {
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
};

const day = (date: Date) => date.toISOString().slice(0, 10);
// A date-only "until" means the start of that day (UTC), so offer the day after a range that
// ends mid-day: re-applying the form then keeps today in view.
const untilDay = (date: Date) => day(date.getTime() % 86_400_000 === 0 ? date : new Date(date.getTime() + 86_400_000));

export function RangePicker({
  path,
  range,
  keep = {},
}: {
  path: string;
  range: TimeRange;
  keep?: Record<string, string>;
}) {
  const href = (preset: string) => `${path}?${new URLSearchParams({ ...keep, range: preset })}`;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Time range">
        <ul className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {(Object.keys(RANGE_PRESETS) as (keyof typeof RANGE_PRESETS)[]).map((preset) => {
            const active = range.preset === preset;
            return (
              <li key={preset} className="border-r border-slate-300 last:border-r-0 dark:border-slate-700">
                <Link
                  href={href(preset)}
                  aria-current={active ? "page" : undefined}
                  title={`Last ${LABELS[preset]}`}
                  className={`block px-3 py-1.5 text-sm font-medium ${
                    active
                      ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                      : "bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
                  }`}
                >
                  {preset}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form method="get" action={path} className="flex items-end gap-2" aria-label="Custom time range">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="range" value="custom" />
        <label className={labelClass}>
          From (UTC)
          <input type="date" name="from" required defaultValue={day(range.from)} className={`${inputClass} mt-0.5`} />
        </label>
        <label className={labelClass}>
          Until (UTC)
          <input type="date" name="to" required defaultValue={untilDay(range.to)} className={`${inputClass} mt-0.5`} />
        </label>
        <button
          type="submit"
          className={`rounded-md border px-3 py-1.5 text-sm font-medium ${
            range.preset === "custom"
              ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900"
              : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          }`}
        >
          Apply
        </button>
      </form>
    </div>
  );
}
