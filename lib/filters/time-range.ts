import { z } from "zod";

// Time ranges as they appear in URLs: ?range=1h|24h|7d|30d, or ?range=custom&from=…&to=…
export const RANGE_PRESETS = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = "7d";

/** A half-open or closed span of time, as queries take it. */
export type DateRange = { from: Date; to: Date };
export type TimeRange = DateRange & { preset: RangePreset | "custom" };

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Reads range/from/to from URL parameters. Anything invalid falls back to the default preset. */
export function parseTimeRange(params: URLSearchParams, now = new Date()): TimeRange {
  const range = params.get("range");
  if (range === "custom") {
    const from = isoDate.safeParse(params.get("from"));
    const to = isoDate.safeParse(params.get("to"));
    if (from.success) {
      const start = new Date(from.data);
      const end = to.success ? new Date(to.data) : now;
      if (start < end) return { preset: "custom", from: start, to: end };
    }
  }
  const preset = range && range in RANGE_PRESETS ? (range as RangePreset) : DEFAULT_RANGE;
  return { preset, from: new Date(now.getTime() - RANGE_PRESETS[preset]), to: now };
}

/** The URL parameters that reproduce a range (relative presets stay relative when shared). */
export function timeRangeParams(range: TimeRange): Record<string, string> {
  if (range.preset !== "custom") return { range: range.preset };
  return { range: "custom", from: range.from.toISOString(), to: range.to.toISOString() };
}
