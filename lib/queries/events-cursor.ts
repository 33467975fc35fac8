import { z } from "zod";
import { badRequest } from "../api/errors";

// The explorer's keyset cursor: the (time, seq) of the last row shown, so the next page is
// "strictly older than this row" in (time desc, seq desc) order. It travels as opaque
// base64url JSON; clients must not build or read it, only hand it back.

export type EventCursor = { time: Date; seq: bigint };

const cursorShape = z.object({
  t: z.iso.datetime(),
  s: z.string().regex(/^[0-9]{1,19}$/, "must be a sequence number"),
});

export function encodeCursor(cursor: { time: Date | string; seq: bigint | string }): string {
  const time = typeof cursor.time === "string" ? cursor.time : cursor.time.toISOString();
  return Buffer.from(JSON.stringify({ t: time, s: cursor.seq.toString() })).toString("base64url");
}

/** Decodes a cursor; anything malformed is a 400, never a silent first page. */
export function decodeCursor(value: string): EventCursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw new Error("not base64url");
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw badRequest("invalid_cursor", "The cursor is malformed; start again from the first page.");
  }
  const result = cursorShape.safeParse(parsed);
  if (!result.success) throw badRequest("invalid_cursor", "The cursor is malformed; start again from the first page.");
  return { time: new Date(result.data.t), seq: BigInt(result.data.s) };
}
