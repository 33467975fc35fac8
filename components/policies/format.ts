import type { TimeRange } from "@/lib/filters/time-range";

// UTC throughout, as on every audit page.
export const formatUtc = (date: Date, precision: "min" | "s" = "s") =>
  date
    .toISOString()
    .slice(0, precision === "min" ? 16 : 19)
    .replace("T", " ");

export function rangeText(range: TimeRange): string {
  return range.preset === "custom"
    ? `${formatUtc(range.from, "min")} – ${formatUtc(range.to, "min")} UTC`
    : `the last ${range.preset}`;
}

/** A wait as a person says it: 45s, 3m 10s, 2h 5m, 1d 4h. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return h % 24 ? `${Math.floor(h / 24)}d ${h % 24}h` : `${Math.floor(h / 24)}d`;
}
