import { createPublicKey, type KeyObject } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { keyIdOf, verifySignature } from "../integrity/keys";
import { type SignedCheckpoint, verifyCheckpoint } from "../integrity/statement";
import { isExportFileName, MANIFEST_NAME } from "./files";
import { hashFile, type Manifest, manifestSigningInput } from "./manifest";

// Offline check of an export (no database, no server): the manifest's signature, every listed
// file's size and SHA-256, every checkpoint's signature, and that signed checkpoint heads cover
// the event range. Each problem names what is wrong; anything that only weakens the result
// (no pinned key, extra files) is a warning.

export type VerifyExportResult = {
  ok: boolean;
  problems: string[];
  warnings: string[];
  manifest: Manifest | null;
  folder: string;
  filesChecked: number;
  checkpointsChecked: number;
};

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const checkpointSchema = z.object({
  tenantId: z.string(),
  seq: z.string().regex(/^\d+$/),
  chainHead: z.string(),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

const manifestSchema = z.object({
  version: z.literal(1),
  type: z.literal("attest.export-manifest"),
  exportId: z.string(),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  framework: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  generatedBy: z.string(),
  eventRange: z.object({
    count: z.number().int().min(0),
    firstSeq: z.string().regex(/^\d+$/).nullable(),
    lastSeq: z.string().regex(/^\d+$/).nullable(),
  }),
  evidenceCount: z.number(),
  integrity: z.object({ status: z.string(), checkpoint: checkpointSchema.nullable() }).passthrough(),
  checkpoints: z.array(checkpointSchema),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().min(0), sha256: z.string() })),
  signer: z.object({ keyId: z.string(), algorithm: z.literal("Ed25519"), publicKeyPem: z.string() }),
  signature: z.string(),
});

async function locate(target: string): Promise<{ folder: string; manifestPath: string }> {
  const info = await stat(target);
  if (info.isDirectory()) return { folder: target, manifestPath: path.join(target, MANIFEST_NAME) };
  // A single file: its folder's manifest (a manifest given directly is that manifest).
  const folder = path.dirname(target);
  return { folder, manifestPath: path.basename(target) === MANIFEST_NAME ? target : path.join(folder, MANIFEST_NAME) };
}

function readKey(pem: string, what: string, problems: string[]): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === "ed25519") return key;
    problems.push(`${what} is not an Ed25519 public key`);
  } catch {
    problems.push(`${what} is not a readable PEM public key`);
  }
  return null;
}

async function checkFiles(manifest: Manifest, folder: string, problems: string[], warnings: string[]) {
  const listed = new Set<string>();
  let checked = 0;
  for (const file of manifest.files) {
    // Names come from the (untrusted) manifest: only the fixed export names are ever opened.
    if (!isExportFileName(file.name) || file.name === MANIFEST_NAME) {
      problems.push(`the manifest lists an unexpected file name ${JSON.stringify(file.name)}`);
      continue;
    }
    if (listed.has(file.name)) problems.push(`the manifest lists ${file.name} twice`);
    listed.add(file.name);
    const full = path.join(folder, file.name);
    const size = await stat(full).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
    if (size === null) {
      problems.push(`${file.name} is missing`);
      continue;
    }
    checked += 1;
    if (size !== file.bytes) {
      problems.push(`${file.name} has ${size} bytes, the manifest says ${file.bytes}: the file was changed`);
      continue;
    }
    const { sha256 } = await hashFile(full);
    if (sha256 !== file.sha256.toLowerCase()) {
      problems.push(`${file.name}: its SHA-256 differs from the manifest's: the file was changed`);
    }
  }
  const present = await readdir(folder);
  for (const name of present.sort()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) {
      warnings.push(`${name} is in the folder but not in the manifest (not checked)`);
    }
  }
  return checked;
}

function checkCheckpoints(manifest: Manifest, key: KeyObject | null, problems: string[], warnings: string[]) {
  // The integrity section's checkpoint is usually one of the list too: check each once.
  const all = new Map<string, SignedCheckpoint>();
  for (const cp of [...manifest.checkpoints, manifest.integrity.checkpoint]) {
    if (cp) all.set(`${cp.seq}:${cp.signature}`, cp);
  }
  const pem = key?.export({ format: "pem", type: "spki" }).toString();
  let highest: bigint | null = null;
  let checked = 0;
  for (const cp of all.values()) {
    const label = `checkpoint at seq ${cp.seq}`;
    if (cp.tenantId !== manifest.tenant.id) {
      problems.push(`${label} belongs to another tenant (${cp.tenantId})`);
      continue;
    }
    if (!pem) continue;
    if (cp.keyId !== manifest.signer.keyId) {
      warnings.push(`${label} was signed by key ${cp.keyId}, which the manifest does not carry: not checked`);
      continue;
    }
    checked += 1;
    if (!verifyCheckpoint(cp, pem)) {
      problems.push(`${label}: its signature does not verify (it was altered or not signed by this key)`);
      continue;
    }
    const seq = BigInt(cp.seq);
    if (highest === null || seq > highest) highest = seq;
  }
  const { count, lastSeq } = manifest.eventRange;
  if (count > 0 && lastSeq !== null && pem && (highest === null || highest < BigInt(lastSeq))) {
    problems.push(`no valid signed checkpoint covers the event range up to seq ${lastSeq}`);
  }
  return checked;
}

/** Verifies an export folder (or a file in it, or its manifest.json) with nothing but a key. */
export async function verifyExport(
  target: string,
  options: { publicKeyPem?: string } = {},
): Promise<VerifyExportResult> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { folder, manifestPath } = await locate(target);
  const result = (manifest: Manifest | null, filesChecked = 0, checkpointsChecked = 0): VerifyExportResult => ({
    ok: problems.length === 0,
    problems,
    warnings,
    manifest,
    folder,
    filesChecked,
    checkpointsChecked,
  });

  const size = await stat(manifestPath).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) {
    problems.push(`${MANIFEST_NAME} is missing in ${folder}`);
    return result(null);
  }
  if (size > MAX_MANIFEST_BYTES) {
    problems.push(`${MANIFEST_NAME} is too large to be a manifest`);
    return result(null);
  }
  // The schema only checks the shape; the signature is checked over the manifest as written,
  // so a field the schema does not know about still counts (zod would strip it).
  let manifest: Manifest;
  try {
    const raw: unknown = JSON.parse(await readFile(manifestPath, "utf8"));
    manifestSchema.parse(raw);
    manifest = raw as Manifest;
  } catch (error) {
    const detail = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : [];
    problems.push(
      `${MANIFEST_NAME} is not a valid Attest export manifest${detail.length ? ` (${detail.join("; ")})` : ""}`,
    );
    return result(null);
  }

  const embedded = readKey(manifest.signer.publicKeyPem, "the manifest's signer key", problems);
  let key = embedded;
  if (options.publicKeyPem) {
    key = readKey(options.publicKeyPem, "the pinned public key", problems);
    if (key && embedded && !key.equals(embedded)) {
      problems.push(
        `the manifest names signer key ${manifest.signer.keyId}, not the pinned public key ${keyIdOf(key)}`,
      );
    }
  } else {
    warnings.push(
      "no public key was pinned (--public-key): checked against the key inside the manifest, so anyone could have made this export; pin the key from /api/v1/integrity/public-key",
    );
  }
  if (embedded && keyIdOf(embedded) !== manifest.signer.keyId) {
    problems.push(`the manifest's signer keyId ${manifest.signer.keyId} does not match its public key`);
  }
  if (key) {
    const pem = key.export({ format: "pem", type: "spki" }).toString();
    const signature = Buffer.from(manifest.signature, "base64");
    if (!verifySignature(pem, manifestSigningInput(manifest), signature)) {
      problems.push(
        `${MANIFEST_NAME}: the signature does not verify (the manifest was edited, or another key signed it)`,
      );
    }
  }

  const filesChecked = await checkFiles(manifest, folder, problems, warnings);
  const checkpointsChecked = checkCheckpoints(manifest, key, problems, warnings);
  // Authentic files that carry evidence Attest itself found tampered are not clean evidence.
  if (manifest.integrity.status === "failed") {
    problems.push(
      "the files are as Attest signed them, but when it made this export Attest found the stored events tampered with; read the report's integrity section",
    );
  } else if (manifest.integrity.status !== "ok") {
    warnings.push(
      `the export records its chain verification as "${manifest.integrity.status}"; read the report's integrity section`,
    );
  }
  return result(manifest, filesChecked, checkpointsChecked);
}
