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
