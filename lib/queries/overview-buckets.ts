// Time buckets for activity charts: the date_trunc unit is chosen from the range's length so
// a chart has tens to a few hundred points, and empty buckets are filled in so gaps show as zero.

export type BucketUnit = "minute" | "hour" | "day";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<BucketUnit, number> = { minute: MINUTE, hour: HOUR, day: DAY };

export function bucketUnitFor(range: { from: Date; to: Date }): BucketUnit {
  const length = range.to.getTime() - range.from.getTime();
  if (length <= 3 * HOUR) return "minute";
  if (length <= 8 * DAY) return "hour";
  return "day";
}

/** The start of every bucket from `from` to `to` (UTC), as epoch milliseconds. */
export function bucketStarts(range: { from: Date; to: Date }, unit: BucketUnit): number[] {
  const size = UNIT_MS[unit];
  const first = Math.floor(range.from.getTime() / size) * size;
  const starts: number[] = [];
  // Guard against absurd custom ranges; the query itself is bounded by the data.
  for (let t = first; t < range.to.getTime() && starts.length < 2_000; t += size) starts.push(t);
  return starts;
}

export function bucketSizeMs(unit: BucketUnit): number {
  return UNIT_MS[unit];
}

/** Lays rows keyed by bucket start onto the full list of buckets, zero-filling the gaps. */
export function fillBuckets<T extends Record<string, number>>(
  range: { from: Date; to: Date },
  unit: BucketUnit,
  rows: Map<number, T>,
  zero: T,
): (T & { t: number })[] {
  return bucketStarts(range, unit).map((t) => ({ ...zero, ...rows.get(t), t }));
}
