import { ApiError, badRequest } from "../api/errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 1000;

/** One event as it arrived: a parsed value, or the reason its NDJSON line could not be parsed. */
export type RawEvent = { value: unknown; sizeBytes?: number; parseError?: string };

const tooLarge = (message: string) => new ApiError(413, "payload_too_large", message);

function mediaType(request: Request): "json" | "ndjson" {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-ndjson" || type === "application/ndjson") return "ndjson";
  throw new ApiError(
    415,
    "unsupported_media_type",
    "Send Content-Type: application/json (an array or {events:[…]}) or application/x-ndjson (one event per line).",
  );
}

const COLLECTOR_LIMIT = `A request may be at most ${MAX_BODY_BYTES} bytes and ${MAX_EVENTS_PER_REQUEST} events; nothing was stored.`;

/**
 * Reads at most MAX_BODY_BYTES, refusing early from Content-Length or as soon as the stream
 * passes it (413 with `limitMessage`). Every receiver (collector, OTLP, identity providers) reads
 * its body through here.
 */
export async function readCapped(request: Request, limitMessage = COLLECTOR_LIMIT): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > MAX_BODY_BYTES) throw tooLarge(limitMessage);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limitMessage);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("invalid_encoding", "The body must be UTF-8.");
  }
}

function checkCount(count: number) {
  if (count > MAX_EVENTS_PER_REQUEST) {
    throw tooLarge(
      `This request holds ${count} events; at most ${MAX_EVENTS_PER_REQUEST} are allowed. Nothing was stored.`,
    );
  }
  if (count === 0) throw badRequest("no_events", "The request holds no events.");
}

function parseJsonBody(text: string): RawEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  let events: unknown = body;
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const keys = Object.keys(body);
    if (keys.length !== 1 || keys[0] !== "events") {
      throw badRequest("invalid_body", 'A JSON object body must be exactly { "events": [ … ] }.');
    }
    events = (body as { events: unknown }).events;
  }
  if (!Array.isArray(events))
    throw badRequest("invalid_body", 'The body must be a JSON array of events or { "events": [ … ] }.');
  checkCount(events.length);
  return events.map((value) => ({ value }));
}

function parseNdjsonBody(text: string): RawEvent[] {
  // Counting lines first refuses an oversized batch before any of it is parsed.
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  checkCount(lines.length);
  return lines.map((line) => {
    const sizeBytes = Buffer.byteLength(line, "utf8");
    try {
      return { value: JSON.parse(line), sizeBytes };
    } catch (error) {
      return { value: undefined, sizeBytes, parseError: `is not valid JSON: ${(error as Error).message}` };
    }
  });
}

export async function readEventsBody(request: Request): Promise<RawEvent[]> {
  const type = mediaType(request);
  const text = decodeUtf8(await readCapped(request));
  return type === "json" ? parseJsonBody(text) : parseNdjsonBody(text);
}
