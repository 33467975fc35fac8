import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  verify as cryptoVerify,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { prisma } from "../db";
import { masterKey } from "../keys/master-key";
import { sha256Hex } from "./canonical";

// The Ed25519 key that signs checkpoints and export manifests.
//   - ATTEST_SIGNING_KEY (a PKCS#8 PEM; "\n" escapes allowed) wins when set. Only its public
//     half is recorded in signing_keys, so old signatures stay checkable after a rotation.
//   - Otherwise one is generated on first use and stored, its private half encrypted with
//     AES-256-GCM under a key derived (HKDF) from ATTEST_SECRET_KEY. A database dump alone
//     cannot sign.
// Public keys are public: GET /api/v1/integrity/public-key serves them for offline checks.

export type SigningKeyPair = { keyId: string; privateKey: KeyObject; publicKeyPem: string };
export type PublicKeyInfo = {
  keyId: string;
  publicKeyPem: string;
  source: string;
  createdAt: Date;
  retiredAt: Date | null;
};

/** First 16 hex characters of the SHA-256 of the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return sha256Hex(raw).slice(0, 16);
}

function wrappingKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), "attest", "attest-signing-key-v1", 32));
}

function encrypt(pem: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey(), iv);
  const body = Buffer.concat([cipher.update(pem, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

function decrypt(stored: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("unreadable stored signing key");
  const decipher = createDecipheriv("aes-256-gcm", wrappingKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "the stored signing key cannot be decrypted: ATTEST_SECRET_KEY is not the key it was stored with. Restore that ATTEST_SECRET_KEY, or set ATTEST_SIGNING_KEY to a new Ed25519 key (signatures made so far stay checkable with the public keys Attest lists)",
    );
  }
}

function pairFromPrivatePem(pem: string): SigningKeyPair {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the signing key must be an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

async function fromEnvironment(pem: string): Promise<SigningKeyPair> {
  const pair = pairFromPrivatePem(pem.replaceAll("\\n", "\n"));
  await prisma.signingKey.upsert({
    where: { id: pair.keyId },
    create: { id: pair.keyId, publicKeyPem: pair.publicKeyPem, source: "env" },
    update: {},
  });
  return pair;
}

async function generatedKey(): Promise<SigningKeyPair> {
  // One transaction under an advisory lock, so two processes starting together agree on one key.
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('attest-signing-key'))`;
    const stored = await tx.signingKey.findFirst({
      where: { source: "generated", retiredAt: null, privateKeyEncrypted: { not: null } },
      orderBy: { createdAt: "asc" },
    });
    if (stored?.privateKeyEncrypted) return pairFromPrivatePem(decrypt(stored.privateKeyEncrypted));
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const pair = pairFromPrivatePem(pem);
    await tx.signingKey.create({
      data: { id: pair.keyId, publicKeyPem: pair.publicKeyPem, source: "generated", privateKeyEncrypted: encrypt(pem) },
    });
    return pair;
  });
}

let active: Promise<SigningKeyPair> | undefined;

/** The key new signatures are made with (loaded, or generated and stored, once per process). */
export function activeSigningKey(): Promise<SigningKeyPair> {
  if (!active) {
    const fromEnv = process.env.ATTEST_SIGNING_KEY;
    active = (fromEnv ? fromEnvironment(fromEnv) : generatedKey()).catch((error) => {
      active = undefined;
      throw error;
    });
  }
  return active;
}

/** Signs bytes (or a string's UTF-8) with the active key. */
export async function signBytes(data: string | Uint8Array): Promise<{ keyId: string; signature: Buffer }> {
  const key = await activeSigningKey();
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return { keyId: key.keyId, signature: cryptoSign(null, bytes, key.privateKey) };
}

/** Offline check of an Ed25519 signature against a PEM public key. Never throws on bad input. */
export function verifySignature(publicKeyPem: string, data: string | Uint8Array, signature: Uint8Array): boolean {
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    return cryptoVerify(null, bytes, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/**
 * Every public key that has signed anything here, newest first. Makes sure the active one is
 * listed when it can be loaded; public halves are stored in the clear, so they are listed even
 * when the private key cannot be read (e.g. ATTEST_SECRET_KEY changed): signing then fails, not this.
 */
export async function publicKeys(): Promise<PublicKeyInfo[]> {
  let loadError: unknown;
  await activeSigningKey().catch((error: unknown) => {
    loadError = error;
  });
  const rows = await prisma.signingKey.findMany({ orderBy: { createdAt: "desc" } });
  if (rows.length === 0 && loadError) throw loadError;
  return rows.map((row) => ({
    keyId: row.id,
    publicKeyPem: row.publicKeyPem,
    source: row.source,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
  }));
}

/** Tests only: forget the cached key (e.g. after changing ATTEST_SIGNING_KEY). */
export function resetSigningKeyCache() {
  active = undefined;
}
