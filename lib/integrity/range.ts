import { z } from "zod";
import type { VerifyRange } from "./verify";

// The range of a verification as the API and the CLI take it: by sequence number or by
// received time (ISO 8601), not both. Absent bounds mean the tenant's first event and its head.

const seq = z
  .string()
  .regex(/^\d{1,18}$/, "must be a sequence number (digits)")
  .transform((value) => BigInt(value));
const instant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time, e.g. 2026-11-20T00:00:00Z" });

export const verifyRangeSchema = z
  .object({
    fromSeq: seq.optional(),
    toSeq: seq.optional(),
    from: instant.transform((value) => new Date(value)).optional(),
    to: instant.transform((value) => new Date(value)).optional(),
  })
  .refine((r) => !((r.fromSeq !== undefined || r.toSeq !== undefined) && (r.from || r.to)), {
    message: "give a seq range (fromSeq, toSeq) or a time range (from, to), not both",
  })
  .refine((r) => r.fromSeq === undefined || r.toSeq === undefined || r.fromSeq <= r.toSeq, {
    message: "fromSeq must not be after toSeq",
    path: ["fromSeq"],
  }) satisfies z.ZodType<VerifyRange, unknown>;

/** Reads the range from query parameters; unknown or empty parameters are ignored. */
export function rangeFromSearchParams(params: URLSearchParams): VerifyRange {
  const pick = (name: string) => params.get(name) || undefined;
  return verifyRangeSchema.parse({
    fromSeq: pick("fromSeq"),
    toSeq: pick("toSeq"),
    from: pick("from"),
    to: pick("to"),
  });
}
