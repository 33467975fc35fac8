import { type TimeRange, timeRangeParams } from "@/lib/filters/time-range";
import type { ConsentSubject } from "@/lib/queries/consent-history";

// Links and labels shared by the consent page's parts. Times are UTC, like every audit view.

export const formatUtc = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")}`;
export const formatDay = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export const eventHref = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;
export const traceHref = (correlationId: string) => `/traces/${encodeURIComponent(correlationId)}`;

/** The consent page of a subject, keeping the time range. */
export function consentsHref(subject: ConsentSubject, range?: TimeRange): string {
  const params = new URLSearchParams({ [subject.kind]: subject.id, ...(range ? timeRangeParams(range) : {}) });
  return `/consents?${params}`;
}

export const SUBJECT_LABELS: Record<ConsentSubject["kind"], string> = {
  user: "User",
  agent: "Agent",
  client: "OAuth client",
};

export const REGISTRATION_LABELS: Record<string, string> = {
  pre_registered: "pre-registered",
  dynamic: "DCR (dynamic)",
  metadata_document: "CIMD (metadata document)",
};
