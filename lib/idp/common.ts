import { z } from "zod";
import { ApiError, badRequest } from "../api/errors";
import type { ContractEventInput } from "../contract/event-schema";
import { type IngestResult, ingestEvents, ingestStatus, type RejectedEvent } from "../ingest";
import { takeIngestTokens } from "../ingest/rate-limit";
import { decodeUtf8, MAX_EVENTS_PER_REQUEST, readCapped } from "../ingest/read-body";
import { type FieldError, formatPath } from "../ingest/validate";

// What the identity-provider receivers (auth0.ts, okta.ts) share: reading a provider's body
// under the collector's limits, bounding the original log kept in attributes, and storing the
// mapped events through the collector's own pipeline (ingestEvents: the same validation, hash
// chain and per-tenant dedupe), with per-item errors merged into one collector-shaped answer.

/** One provider record, mapped to a contract event or refused with field errors. */
export type Mapped = { ok: true; event: ContractEventInput } | { ok: false; id?: string; errors: FieldError[] };

/** One record as it arrived: a parsed value, or why its line could not be parsed. */
export type RawItem = { value: unknown; parseError?: string };

const ACCEPTED_TYPES = new Set(["application/json", "application/x-ndjson", "application/ndjson", "application/jsonl"]);

/**
 * Reads a provider's body: at most 5 MB, UTF-8, JSON or JSON lines. Auth0 sends "JSON lines"
 * streams with `Content-Type: application/json`, so a JSON body that does not parse whole is
 * read again line by line.
 */
export async function readProviderJson(request: Request): Promise<{ whole: unknown } | { lines: RawItem[] }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!ACCEPTED_TYPES.has(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send Content-Type: application/json (or JSON lines).");
  }
  const text = decodeUtf8(await readCapped(request));
  if (text.trim() === "") throw badRequest("no_events", "The request holds no events.");
  try {
    return { whole: JSON.parse(text) };
  } catch (error) {
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    if (lines.length < 2) throw badRequest("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
    return {
      lines: lines.map((line) => {
        try {
          return { value: JSON.parse(line) };
        } catch (lineError) {
          return { value: undefined, parseError: `is not valid JSON: ${(lineError as Error).message}` };
        }
      }),
    };
  }
}

export function checkBatchSize(count: number) {
  if (count === 0) throw badRequest("no_events", "The request holds no events.");
  if (count > MAX_EVENTS_PER_REQUEST) {
    throw new ApiError(
      413,
      "payload_too_large",
      `This request holds ${count} events; at most ${MAX_EVENTS_PER_REQUEST} are allowed. Nothing was stored.`,
    );
  }
}

/** Zod issues of a provider record as the collector reports field errors. */
export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export const ORIGINAL_MAX_BYTES = 12 * 1024;
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");

/**
 * The provider's original record, kept under attributes, at most ORIGINAL_MAX_BYTES as JSON
 * (attributes may hold 16 KB). When it is larger, its biggest fields are dropped first and
 * named under `_truncated`, so the identifying fields stay.
 */
export function boundedOriginal(original: Record<string, unknown>, maxBytes = ORIGINAL_MAX_BYTES) {
  if (jsonBytes(original) <= maxBytes) return original;
  const kept: Record<string, unknown> = { ...original };
  const dropped: string[] = [];
  const bySize = Object.keys(kept).sort((a, b) => jsonBytes(kept[b]) - jsonBytes(kept[a]));
  for (const key of bySize) {
    if (dropped.length > 0 && jsonBytes({ ...kept, _truncated: dropped }) <= maxBytes) break;
    delete kept[key];
    dropped.push(key);
  }
  return { ...kept, _truncated: dropped };
}

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

/** `source` for a provider event; an address the contract would refuse stays only in the original. */
export function sourceOf(service: string, ip: unknown, userAgent: unknown): NonNullable<ContractEventInput["source"]> {
  return {
    service,
    ...(typeof ip === "string" && ipAddress.safeParse(ip).success ? { ip } : {}),
    ...(typeof userAgent === "string" && userAgent !== "" ? { userAgent: clip(userAgent, 1024) } : {}),
  };
}

/** Cuts a provider string to the contract's limit (names and ids are at most 256 or 512). */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max);
}

/** A non-empty string, or undefined (providers send null, "" and numbers in the same fields). */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Scopes given as a space-separated string or a list. */
export function scopeList(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\s+/) : [];
  const scopes = list.filter((scope): scope is string => typeof scope === "string" && scope !== "");
  return scopes.length > 0 ? [...new Set(scopes)].slice(0, 200).map((scope) => clip(scope, 256)) : undefined;
}

/**
 * Stores the mapped events through the collector's pipeline and answers like the collector:
 * 200 all stored or duplicates, 207 some refused, 400 all refused; indexes are the provider
 * records' positions in the request.
 */
export async function storeMapped(tenantId: string, mapped: Mapped[]): Promise<Response> {
  takeIngestTokens(tenantId, mapped.length);
  const positions: number[] = [];
  const events: ContractEventInput[] = [];
  const rejected: RejectedEvent[] = [];
  mapped.forEach((item, index) => {
    if (item.ok) {
      positions.push(index);
      events.push(item.event);
    } else {
      rejected.push({ index, ...(item.id ? { id: item.id } : {}), errors: item.errors });
    }
  });
  const stored =
    events.length > 0 ? await ingestEvents(tenantId, events) : { accepted: 0, duplicates: 0, rejected: [], ids: [] };
  for (const refused of stored.rejected)
    rejected.push({ ...refused, index: positions[refused.index] ?? refused.index });
  rejected.sort((a, b) => a.index - b.index);
  const result: IngestResult = { ...stored, rejected };
  return Response.json(result, { status: ingestStatus(result), headers: { "Cache-Control": "no-store" } });
}

/** Maps each record, turning unparseable JSON lines into per-item errors. */
export function mapRecords(items: readonly RawItem[], mapRecord: (value: unknown) => Mapped): Mapped[] {
  checkBatchSize(items.length);
  return items.map((item) =>
    item.parseError ? { ok: false, errors: [{ path: "", message: item.parseError }] } : mapRecord(item.value),
  );
}
