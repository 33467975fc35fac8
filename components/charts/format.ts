// Chart labels in UTC, the same on the server and in every browser, so an audit timestamp
// means one thing to everyone who reads it (and server and client render the same text).
import type { BucketUnit } from "@/lib/queries/overview-buckets";

export type { BucketUnit };

const formats: Record<BucketUnit, Intl.DateTimeFormatOptions> = {
  minute: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" },
  hour: { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" },
  day: { month: "short", day: "numeric", timeZone: "UTC" },
};

export function formatBucket(t: number, unit: BucketUnit): string {
  return new Intl.DateTimeFormat("en-US", formats[unit]).format(t);
}

export function formatBucketLong(t: number, unit: BucketUnit): string {
  const options: Intl.DateTimeFormatOptions =
    unit === "day"
      ? { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }
      : { ...formats.hour, year: "numeric" };
  return `${new Intl.DateTimeFormat("en-US", options).format(t)}${unit === "day" ? "" : " UTC"}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
