// OTLP value helpers shared by the protobuf and JSON paths. Both arrive here as plain objects:
// protobufjs' toObject (lowerCamelCase, int64 as strings, ids base64) or OTLP/JSON (lowerCamelCase
// per the spec, ids hex, int64 as strings or numbers). snake_case keys are accepted too, as the
// protobuf JSON mapping allows.

export type Attributes = Record<string, unknown>;
export type IdEncoding = "hex" | "base64";

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A field by its lowerCamelCase name, or its snake_case name. */
export function field(obj: unknown, camel: string): unknown {
  if (!isObject(obj)) return undefined;
  return camel in obj ? obj[camel] : obj[snake(camel)];
}

export function list(obj: unknown, camel: string): unknown[] {
  const value = field(obj, camel);
  return Array.isArray(value) ? value : [];
}

export function str(obj: unknown, camel: string): string {
  const value = field(obj, camel);
  return typeof value === "string" ? value : "";
}

/** An int64/int32/enum field given as a number or a decimal string. */
export function int(obj: unknown, camel: string): number {
  const value = field(obj, camel);
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

/**
 * An enum field: OTLP/JSON sends integers, but protobuf JSON printers (e.g. Python's
 * MessageToJson) send the value's name, such as STATUS_CODE_ERROR; `names` lists them by number.
 */
export function enumValue(obj: unknown, camel: string, names: readonly string[]): number {
  const value = field(obj, camel);
  if (typeof value === "string" && names.includes(value)) return names.indexOf(value);
  return int(obj, camel);
}

/** A trace or span id as lowercase hex, or "" when absent or malformed. */
export function id(obj: unknown, camel: string, encoding: IdEncoding, bytes: 8 | 16): string {
  const value = field(obj, camel);
  if (typeof value !== "string" || value === "") return "";
  const hex = encoding === "hex" ? value.toLowerCase() : Buffer.from(value, "base64").toString("hex").toLowerCase();
  if (hex.length !== bytes * 2 || !/^[0-9a-f]+$/.test(hex) || /^0+$/.test(hex)) return "";
  return hex;
}

/** A fixed64 nanosecond timestamp as a bigint (0n when absent or malformed). */
export function nanos(obj: unknown, camel: string): bigint {
  const value = field(obj, camel);
  try {
    if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
    // A JSON number above 2^53 has already lost precision; it is still the right millisecond.
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return BigInt(Math.trunc(value));
  } catch {}
  return 0n;
}

/** RFC 3339 with milliseconds; the full nanoseconds stay in the event's attributes. */
export function isoFromNanos(value: bigint): string | null {
  const ms = Number(value / 1_000_000n);
  const date = new Date(ms);
  return value > 0n && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** An OTLP AnyValue as plain JSON. */
export function anyValue(value: unknown, depth = 0): unknown {
  if (!isObject(value) || depth > 8) return null;
  const s = field(value, "stringValue");
  if (typeof s === "string") return s;
  const b = field(value, "boolValue");
  if (typeof b === "boolean") return b;
  const i = field(value, "intValue");
  if (i !== undefined && i !== null) {
    const n = Number(i);
    return Number.isSafeInteger(n) ? n : String(i);
  }
  const d = field(value, "doubleValue");
  if (d !== undefined && d !== null) return typeof d === "number" && Number.isFinite(d) ? d : String(d);
  const array = field(value, "arrayValue");
  if (array !== undefined) return list(array, "values").map((item) => anyValue(item, depth + 1));
  const kvlist = field(value, "kvlistValue");
  if (kvlist !== undefined) return keyValues(list(kvlist, "values"), depth + 1);
  const bytes = field(value, "bytesValue");
  if (typeof bytes === "string") return bytes;
  return null;
}

/** A repeated KeyValue as an object; later duplicates win. */
export function keyValues(items: unknown[], depth = 0): Attributes {
  const out: Attributes = {};
  for (const item of items) {
    const key = str(item, "key");
    if (key) out[key] = anyValue(field(item, "value"), depth);
  }
  return out;
}
