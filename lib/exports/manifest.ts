import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { canonicalJson } from "../integrity/canonical";
import { activeSigningKey, signBytes } from "../integrity/keys";
import type { SignedCheckpoint } from "../integrity/statement";
import { type ExportFileName, MANIFEST_NAME } from "./files";

// The signed manifest every export carries (manifest.json beside the files, and on the row).
// It names each file with its size and SHA-256, the event range and the signed checkpoints
// that cover it, and is signed with the checkpoint key: Ed25519 over the JCS form of the
// manifest without `signature`, carried as base64. verify-export checks it offline.

export type ManifestFile = { name: ExportFileName; bytes: number; sha256: string };

export type ManifestIntegrity = {
  status: "ok" | "failed" | "not_verified";
  verifiedAt: string | null;
  eventsChecked: number;
  findings: unknown[];
  checkpoint: SignedCheckpoint | null;
  note?: string;
};

export type UnsignedManifest = {
  version: 1;
  type: "attest.export-manifest";
  exportId: string;
  tenant: { id: string; slug: string; name: string };
  framework: string;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  /** Sequence numbers as decimal strings (they are bigints); null when the range is empty. */
  eventRange: { count: number; firstSeq: string | null; lastSeq: string | null };
  evidenceCount: number;
  integrity: ManifestIntegrity;
  checkpoints: SignedCheckpoint[];
  files: ManifestFile[];
  signer: { keyId: string; algorithm: "Ed25519"; publicKeyPem: string };
};

export type Manifest = UnsignedManifest & { signature: string };

/** The exact bytes the signature covers. */
export function manifestSigningInput(manifest: UnsignedManifest | Manifest): string {
  const { signature: _signature, ...unsigned } = manifest as Manifest;
  return canonicalJson(unsigned);
}

/** Signs with the active key; the signer block names that key and carries its public half. */
export async function signManifest(unsigned: Omit<UnsignedManifest, "signer">): Promise<Manifest> {
  const key = await activeSigningKey();
  const withSigner: UnsignedManifest = {
    ...unsigned,
    signer: { keyId: key.keyId, algorithm: "Ed25519", publicKeyPem: key.publicKeyPem },
  };
  const { keyId, signature } = await signBytes(manifestSigningInput(withSigner));
  if (keyId !== key.keyId) throw new Error("the signing key changed while signing the manifest");
  return { ...withSigner, signature: signature.toString("base64") };
}

/** manifest.json's text: pretty for people; the signature is over the canonical form anyway. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** SHA-256 (hex) and size of a file, streamed: reports can be gigabytes. */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const { size } = await stat(file);
  if (size !== bytes) throw new Error(`${path.basename(file)} changed while it was hashed`);
  return { bytes, sha256: hash.digest("hex") };
}

export async function describeFiles(dir: string, names: readonly ExportFileName[]): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const name of names) {
    if (name === MANIFEST_NAME) throw new Error("the manifest cannot list itself");
    files.push({ name, ...(await hashFile(path.join(dir, name))) });
  }
  return files;
}

export { type VerifyExportResult, verifyExport } from "./verify-export";
