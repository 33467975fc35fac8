import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

// RFC 8785 (JSON Canonicalization Scheme) through `canonicalize`, kept by one of the RFC's
// authors: sorted keys, ECMAScript number and string forms, no whitespace. Everything Attest
// hashes or signs (event records, checkpoint statements, export manifests) goes through here.

/** The JCS form of a JSON value. Throws on values JSON cannot carry (undefined, functions). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

export function sha256(data: string | Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The same JCS form as canonicalJson, about twice as fast, for plain JSON data (what JSON.parse
 * makes: objects, arrays, strings, finite numbers, booleans, null): the collector hashes every
 * event with it. JSON.stringify already prints strings and numbers in the forms RFC 8785 takes
 * from ECMAScript; a replacer hands it each object with its keys sorted by UTF-16 code units.
 * Objects only keep that order for non-index keys ("10" would be moved before "9"), so a value
 * with an array-index-like key is handed to canonicalJson instead. canonical.test.ts holds it
 * to the library.
 */
export function canonicalJsonOfData(value: unknown): string {
  try {
    return JSON.stringify(value, sortedKeys);
  } catch (error) {
    if (error === INDEX_LIKE_KEY) return canonicalJson(value);
    throw error;
  }
}

const INDEX_LIKE_KEY = new Error("object key that objects enumerate out of insertion order");
const isIndexLike = (key: string) => /^(0|[1-9][0-9]*)$/.test(key);

function sortedKeys(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error("NaN and Infinity are not allowed");
  if (typeof value === "string" && !value.isWellFormed()) throw new Error("Lone surrogate is not allowed");
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value).sort();
  const sorted: Record<string, unknown> = {};
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57 && isIndexLike(key)) throw INDEX_LIKE_KEY;
    if (!key.isWellFormed()) throw new Error("Lone surrogate is not allowed");
    sorted[key] = (value as Record<string, unknown>)[key];
  }
  return sorted;
}
