import { createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import { ensureDevSecret } from "../../demo/demo-admin";

// A destination's signing secret is never stored: it is derived from a master key and the
// destination's id and salt, so a database dump alone cannot forge signatures, and "rotate"
// (a new salt) invalidates the old secret at once. The master key comes from ATTEST_SECRET_KEY;
// production has no default. Development and tests use a key generated once into .data/.

const MIN_KEY_LENGTH = 32;
const DEV_KEY_FILE = path.join(process.cwd(), ".data/attest-secret-key");

let cachedKey: string | undefined;

/** Production without a usable ATTEST_SECRET_KEY: webhooks cannot be signed, so none are made. */
export class MasterKeyMissing extends Error {}

export function masterKey(): string {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.ATTEST_SECRET_KEY;
  if (fromEnv && fromEnv.length >= MIN_KEY_LENGTH) {
    cachedKey = fromEnv;
  } else if (process.env.NODE_ENV === "production" || fromEnv) {
    throw new MasterKeyMissing(
      `ATTEST_SECRET_KEY must be set to at least ${MIN_KEY_LENGTH} characters to sign webhooks (e.g. openssl rand -base64 48).`,
    );
  } else {
    cachedKey = ensureDevSecret(DEV_KEY_FILE);
  }
  return cachedKey;
}

export function newSalt(): string {
  return randomBytes(16).toString("base64url");
}

/** The secret a receiver uses to verify `Attest-Signature`; shown once, re-derived to sign. */
export function signingSecret(destination: { id: string; salt: string }): string {
  return createHmac("sha256", masterKey()).update(`${destination.id}:${destination.salt}`).digest("base64url");
}
