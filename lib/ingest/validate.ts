import type { z } from "zod";
import { type ContractEvent, eventSchema } from "../contract/event-schema";

export const EVENT_MAX_BYTES = 32 * 1024;
// Deeper than any honest event needs (an RFC 8693 chain of 16 actors nests about 18 levels);
// checked before zod so recursive schemas never walk attacker-sized depth.
const MAX_DEPTH = 40;

export type FieldError = { path: string; message: string };
export type Validated = { ok: true; event: ContractEvent } | { ok: false; errors: FieldError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * Checks what JSON allows but Postgres cannot store faithfully: NUL characters and lone
 * UTF-16 surrogates in strings or keys (jsonb rejects both), and excessive nesting.
 */
export function findUnstorableValue(value: unknown): FieldError | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (path.length > MAX_DEPTH) return { path: formatPath(path), message: `nests deeper than ${MAX_DEPTH} levels` };
    if (typeof current === "string") {
      const problem = stringProblem(current);
      if (problem) return { path: formatPath(path), message: problem };
    } else if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) stack.push({ value: item, path: [...path, index] });
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const problem = stringProblem(key);
        if (problem) return { path: formatPath([...path, key]), message: `key ${problem}` };
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

function stringProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL characters";
  if (!value.isWellFormed()) return "must be valid Unicode (it has a lone surrogate)";
  return null;
}

function issueToErrors(issue: z.core.$ZodIssue): FieldError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: "is not a field of this object",
    }));
  }
  if (issue.code === "invalid_union" && issue.errors.every((branch) => branch.some((e) => e.code === "invalid_type"))) {
    const expected = issue.errors.flatMap((branch) => branch.map((e) => ("expected" in e ? e.expected : "")));
    return [
      { path: formatPath(issue.path), message: `has the wrong type: expected ${[...new Set(expected)].join(" or ")}` },
    ];
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/**
 * `x-attest.*` types are the dashboard's own audit trail (lib/audit/record.ts). No sender may
 * write them, in any letter case, or anyone with an ingest key could forge a sign-in or a
 * key revocation into a tenant's evidence.
 */
export const RESERVED_TYPE_PREFIX = "x-attest.";

export function isReservedType(type: unknown): boolean {
  return typeof type === "string" && type.toLowerCase().startsWith(RESERVED_TYPE_PREFIX);
}

export type ValidateOptions = {
  /** Only recordSelfAudit sets this: it allows the reserved `x-attest.*` types. */
  allowReservedTypes?: boolean;
};

/** Validates one event. `sizeBytes` is its JSON size when the caller already knows it. */
export function validateEvent(raw: unknown, sizeBytes?: number, options: ValidateOptions = {}): Validated {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: "", message: "must be a JSON object" }] };
  }
  const size = sizeBytes ?? Buffer.byteLength(JSON.stringify(raw), "utf8");
  if (size > EVENT_MAX_BYTES) {
    return {
      ok: false,
      errors: [{ path: "", message: `is ${size} bytes; an event may be at most ${EVENT_MAX_BYTES} bytes` }],
    };
  }
  const unstorable = findUnstorableValue(raw);
  if (unstorable) return { ok: false, errors: [unstorable] };
  const result = eventSchema.safeParse(raw);
  if (!result.success) return { ok: false, errors: result.error.issues.flatMap(issueToErrors) };
  if (!options.allowReservedTypes && isReservedType(result.data.type)) {
    return {
      ok: false,
      errors: [
        {
          path: "type",
          message: `is reserved: ${RESERVED_TYPE_PREFIX}* events are written only by Attest itself (its own audit trail)`,
        },
      ],
    };
  }
  return { ok: true, event: result.data };
}

/** The sender's id, if it gave a usable one, for error reports. */
export function rawEventId(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "string" && id.length <= 128 ? id : undefined;
}
