// The collector pipeline, POST /api/v1/events (contract: ../shared/contract/events-v1.md).
//
//   1. read      — content type, 5 MB / 1,000-event limits checked before parsing (read-body.ts)
//   2. throttle  — per-tenant token bucket, 429 with Retry-After (rate-limit.ts)
//   3. validate  — per event: 32 KB cap, unstorable values, the zod contract, reserved
//                  x-attest.* types refused (validate.ts)
//   4. normalize — server ids, traceparent → trace, RFC 8693 act → delegation (contract/normalize.ts)
//   5. dedupe    — repeated ids inside the request count as duplicates
//   6. store     — one transaction: tenant sequence lock, drop stored ids, bulk insert,
//                  registry merges (agents, humans, OAuth clients, sessions), hourly counts
//                  for the overview (hourly-counts.ts), commit (store.ts)
//   7. answer    — 200 / 207 / 400 with per-event errors; ids only after the commit
//
// Nothing is acknowledged before the commit; a failed transaction stores nothing and the
// route answers 503, so the sender can retry the whole request safely.
import { type NormalizedEvent, normalizeEvent } from "../contract/normalize";
import type { RawEvent } from "./read-body";
import { storeEvents } from "./store";
import { type FieldError, rawEventId, type Validated, type ValidateOptions, validateEvent } from "./validate";

export type RejectedEvent = { index: number; id?: string; errors: FieldError[] };
export type IngestResult = { accepted: number; duplicates: number; rejected: RejectedEvent[]; ids: string[] };

type Slot = { kind: "event"; event: NormalizedEvent } | { kind: "duplicate"; id: string } | { kind: "rejected" };

/**
 * Validates, dedupes and stores one batch (at most 1,000 events) of parsed event values.
 * `options.allowReservedTypes` is for lib/audit/record.ts only; the collector never sets it.
 */
export function ingestEvents(
  tenantId: string,
  values: readonly unknown[],
  options: ValidateOptions = {},
): Promise<IngestResult> {
  return ingestRawEvents(
    tenantId,
    values.map((value) => ({ value })),
    options,
  );
}

/** The same, for events as the collector read them (NDJSON lines may carry a parse error). */
export async function ingestRawEvents(
  tenantId: string,
  input: readonly RawEvent[],
  options: ValidateOptions = {},
): Promise<IngestResult> {
  const receivedAt = new Date();
  const rejected: RejectedEvent[] = [];
  const slots: Slot[] = [];
  const seenIds = new Set<string>();

  input.forEach((raw, index) => {
    const checked: Validated = raw.parseError
      ? { ok: false, errors: [{ path: "", message: raw.parseError }] }
      : validateEvent(raw.value, raw.sizeBytes, options);
    if (!checked.ok) {
      const id = rawEventId(raw.value);
      rejected.push({ index, ...(id ? { id } : {}), errors: checked.errors });
      slots.push({ kind: "rejected" });
      return;
    }
    const event = normalizeEvent(checked.event);
    if (seenIds.has(event.id)) {
      slots.push({ kind: "duplicate", id: event.id });
      return;
    }
    seenIds.add(event.id);
    slots.push({ kind: "event", event });
  });

  const toStore = slots.flatMap((slot) => (slot.kind === "event" ? [slot.event] : []));
  const { storedIds } =
    toStore.length > 0 ? await storeEvents(tenantId, toStore, receivedAt) : { storedIds: new Set<string>() };

  let accepted = 0;
  let duplicates = 0;
  const ids: string[] = [];
  for (const slot of slots) {
    if (slot.kind === "rejected") continue;
    const id = slot.kind === "event" ? slot.event.id : slot.id;
    if (slot.kind === "event" && storedIds.has(id)) accepted++;
    else duplicates++;
    ids.push(id);
  }
  return { accepted, duplicates, rejected, ids };
}

/** 200 when nothing was rejected, 207 when some were, 400 when all were. */
export function ingestStatus(result: IngestResult): 200 | 207 | 400 {
  if (result.rejected.length === 0) return 200;
  return result.ids.length > 0 ? 207 : 400;
}
