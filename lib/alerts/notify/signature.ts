import { createHmac, timingSafeEqual } from "node:crypto";

// Attest-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.
// The timestamp is signed with the body, so a captured request cannot be replayed later than
// the receiver's tolerance. verifySignature is the reference implementation for receivers.

export const SIGNATURE_HEADER = "Attest-Signature";

function hmacHex(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

export function signatureHeader(secret: string, rawBody: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, rawBody)}`;
}

/**
 * True when `header` is a valid Attest-Signature of `rawBody` (the exact bytes received, before
 * any JSON parsing) made with `secret` no more than `toleranceSeconds` from now.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string,
  toleranceSeconds = 300,
  now = new Date(),
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const [key, ...rest] = item.trim().split("=");
    if (key && rest.length) parts.set(key, [...(parts.get(key) ?? []), rest.join("=")]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, t, rawBody), "hex");
  // Several v1 values are allowed, so a sender could sign with two secrets during a rotation.
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
