import path from "node:path";
import { ensureDevSecret } from "../demo/demo-admin";

// The server's master key, from ATTEST_SECRET_KEY. Secrets derived from it are never stored:
// webhook signing secrets (lib/alerts/notify/secret.ts) and the key that encrypts a generated
// Ed25519 signing key at rest (lib/integrity/keys.ts). Production has no default. Development
// and tests use a key generated once into .data/.

const MIN_KEY_LENGTH = 32;
const DEV_KEY_FILE = path.join(process.cwd(), ".data/attest-secret-key");

let cachedKey: string | undefined;

/** Production without a usable ATTEST_SECRET_KEY: nothing that needs the master key can run. */
export class MasterKeyMissing extends Error {}

export function masterKey(): string {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.ATTEST_SECRET_KEY;
  if (fromEnv && fromEnv.length >= MIN_KEY_LENGTH) {
    cachedKey = fromEnv;
  } else if (process.env.NODE_ENV === "production" || fromEnv) {
    throw new MasterKeyMissing(
      `ATTEST_SECRET_KEY must be set to at least ${MIN_KEY_LENGTH} characters (e.g. openssl rand -base64 48).`,
    );
  } else {
    cachedKey = ensureDevSecret(DEV_KEY_FILE);
  }
  return cachedKey;
}
