"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { explorerHref } from "@/lib/filters/event-filters";
import { bucketSizeMs } from "@/lib/queries/overview-buckets";
import { ChartFigure, tableClass, tdClass, thClass } from "./chart-figure";
import { type BucketUnit, formatBucket, formatBucketLong, formatCount } from "./format";

// Counts per time bucket, stacked by series (outcomes, or policy decisions). A click on a bar
// opens the explorer on that bucket, filtered to the series when it is an outcome.

export type TimeSeriesPoint = { t: number } & Record<string, number>;
export type SeriesSpec = { key: string; label: string; color: string };

export function StackedTimeChart({
  id,
  title,
  description,
  data,
  series,
  bucket,
  href,
  filter = {},
  seriesAreOutcomes = false,
  height = 220,
}: {
  id: string;
  title: string;
  description: string;
  data: TimeSeriesPoint[];
  series: SeriesSpec[];
  bucket: BucketUnit;
  /** The whole chart's link into the explorer. */
  href: string;
  /** Filters every bar link keeps (event types, agent). */
  filter?: { types?: string[]; agent?: string };
  seriesAreOutcomes?: boolean;
  height?: number;
}) {
  const router = useRouter();
  const size = bucketSizeMs(bucket);
  const bucketHref = (t: number, key?: string) =>
    explorerHref({
      range: { preset: "custom", from: new Date(t), to: new Date(t + size) },
      ...filter,
      ...(seriesAreOutcomes && key ? { outcomes: [key] } : {}),
    });

  const totalOf = (point: TimeSeriesPoint) => series.reduce((sum, s) => sum + (point[s.key] ?? 0), 0);
  const total = data.reduce((sum, point) => sum + totalOf(point), 0);
  const busiest = data.reduce<TimeSeriesPoint | undefined>(
    (best, point) => (!best || totalOf(point) > totalOf(best) ? point : best),
    undefined,
  );
  const perSeries = series.map((s) => `${formatCount(data.reduce((n, p) => n + (p[s.key] ?? 0), 0))} ${s.label}`);
  const summary =
    total === 0
      ? "Nothing in this range."
      : `${formatCount(total)} in total: ${perSeries.join(", ")}. Busiest: ${formatBucketLong(busiest?.t ?? 0, bucket)} with ${formatCount(busiest ? totalOf(busiest) : 0)}.`;

  const rows = data.filter((point) => totalOf(point) > 0);
  const table = (
    <table className={tableClass}>
      <caption className="sr-only">
        {title}, per {bucket}
      </caption>
      <thead>
        <tr>
          <th scope="col" className={thClass}>
            {bucket === "day" ? "Day" : "Time (UTC)"}
          </th>
          {series.map((s) => (
            <th key={s.key} scope="col" className={thClass}>
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((point) => (
          <tr key={point.t}>
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={bucketHref(point.t)} className="text-sky-700 hover:underline dark:text-sky-400">
                {formatBucketLong(point.t, bucket)}
              </Link>
            </th>
            {series.map((s) => (
              <td key={s.key} className={tdClass}>
                {formatCount(point[s.key] ?? 0)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure id={id} title={title} description={description} summary={summary} href={href} table={table}>
      <BarChart
        responsive
        style={{ width: "100%", height }}
        data={data}
        title={title}
        desc={summary}
        margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
        barCategoryGap={1}
      >
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis
          dataKey="t"
          tickFormatter={(t: number) => formatBucket(t, bucket)}
          tick={{ fill: "currentColor", fontSize: 11 }}
          stroke="currentColor"
          strokeOpacity={0.3}
          minTickGap={24}
        />
        <YAxis
          allowDecimals={false}
          tick={{ fill: "currentColor", fontSize: 11 }}
          stroke="currentColor"
          strokeOpacity={0.3}
        />
        <Tooltip
          cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
          labelFormatter={(t) => formatBucketLong(Number(t), bucket)}
          contentStyle={{
            background: "var(--background)",
            color: "var(--foreground)",
            border: "1px solid rgb(148 163 184 / 0.4)",
            borderRadius: 6,
            fontSize: 12,
          }}
        />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="stack"
            fill={s.color}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry) => {
              const t = (entry as { payload?: { t?: number } }).payload?.t;
              if (typeof t === "number") router.push(bucketHref(t, s.key));
            }}
          />
        ))}
      </BarChart>
      <ul
        className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300"
        aria-label="Legend"
      >
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}
