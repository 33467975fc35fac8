import { createHmac, randomBytes } from "node:crypto";
import { MasterKeyMissing, masterKey } from "../../keys/master-key";

export { MasterKeyMissing, masterKey };

// A destination's signing secret is never stored: it is derived from a master key and the
// destination's id and salt, so a database dump alone cannot forge signatures, and "rotate"
// (a new salt) invalidates the old secret at once. The master key: lib/keys/master-key.ts.

export function newSalt(): string {
  return randomBytes(16).toString("base64url");
}

/** The secret a receiver uses to verify `Attest-Signature`; shown once, re-derived to sign. */
export function signingSecret(destination: { id: string; salt: string }): string {
  return createHmac("sha256", masterKey()).update(`${destination.id}:${destination.salt}`).digest("base64url");
}
