"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure, tableClass, tdClass, thClass } from "./chart-figure";
import { formatCount } from "./format";

// A top-N list as horizontal bars (top agents, top tools). Each bar links to the explorer
// filtered to its item; flagged items (suspended agents) get a different colour and a text mark.

export type RankedItem = {
  label: string;
  value: number;
  href: string;
  flag?: string;
  detail?: string;
  /** A second link in the table row, e.g. to the agent's page. */
  secondary?: { label: string; href: string };
};

const BAR = "#0ea5e9";
const FLAGGED = "#dc2626";

export function RankedBarChart({
  id,
  title,
  description,
  valueLabel,
  items,
  href,
  hrefLabel,
  flagLegend,
}: {
  id: string;
  title: string;
  description: string;
  valueLabel: string;
  items: RankedItem[];
  href: string;
  hrefLabel?: string;
  /** Shown under the chart when an item is flagged, e.g. "Red: suspended". */
  flagLegend?: string;
}) {
  const router = useRouter();
  const data = items.map((item) => ({ ...item, name: item.flag ? `${item.label} (${item.flag})` : item.label }));
  const summary =
    items.length === 0
      ? "Nothing in this range."
      : `Top ${items.length}: ${items
          .slice(0, 3)
          .map((item) => `${item.label} ${formatCount(item.value)}`)
          .join(", ")}${items.length > 3 ? ", …" : "."}`;

  const table = (
    <table className={tableClass}>
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col" className={thClass}>
            Name
          </th>
          <th scope="col" className={thClass}>
            {valueLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.label}>
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={item.href} className="text-sky-700 hover:underline dark:text-sky-400">
                {item.label}
              </Link>
              {item.flag && <span className="ml-1 font-semibold text-red-700 dark:text-red-400">({item.flag})</span>}
              {item.detail && <span className="ml-1 text-slate-500">{item.detail}</span>}
              {item.secondary && (
                <Link href={item.secondary.href} className="ml-2 text-sky-700 hover:underline dark:text-sky-400">
                  {item.secondary.label}
                  <span className="sr-only">: {item.label}</span>
                </Link>
              )}
            </th>
            <td className={tdClass}>{formatCount(item.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  const height = Math.max(120, data.length * 28 + 24);
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      summary={summary}
      href={href}
      {...(hrefLabel ? { hrefLabel } : {})}
      table={table}
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height }}
        data={data}
        title={title}
        desc={summary}
        margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={{ fill: "currentColor", fontSize: 11 }}
          stroke="currentColor"
          strokeOpacity={0.3}
        />
        <YAxis
          type="category"
          dataKey="name"
          width={170}
          interval={0}
          tick={{ fill: "currentColor", fontSize: 11 }}
          stroke="currentColor"
          strokeOpacity={0.3}
        />
        <Tooltip
          cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
          contentStyle={{
            background: "var(--background)",
            color: "var(--foreground)",
            border: "1px solid rgb(148 163 184 / 0.4)",
            borderRadius: 6,
            fontSize: 12,
          }}
        />
        <Bar
          dataKey="value"
          name={valueLabel}
          isAnimationActive={false}
          cursor="pointer"
          radius={[0, 3, 3, 0]}
          onClick={(entry) => {
            const target = (entry as { payload?: { href?: string } }).payload?.href;
            if (target) router.push(target);
          }}
        >
          {data.map((item) => (
            <Cell key={item.label} fill={item.flag ? FLAGGED : BAR} />
          ))}
        </Bar>
      </BarChart>
      {flagLegend && items.some((item) => item.flag) && (
        <p className="mt-1 flex items-center gap-1.5 text-xs text-slate-700 dark:text-slate-300">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: FLAGGED }} />
          {flagLegend}
        </p>
      )}
    </ChartFigure>
  );
}
