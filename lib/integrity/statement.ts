import { canonicalJson } from "./canonical";
import { verifySignature } from "./keys";

// What a checkpoint signs, kept free of database access so offline tools (verify-export) can
// check checkpoints with nothing but a public key. The statement is the JCS form of
//   { v: 1, type: "attest.checkpoint", tenantId, seq, chainHead, signedAt, keyId }
// with seq as a decimal string and chainHead as lowercase hex; the signature is Ed25519 over
// its UTF-8 bytes, carried as base64.

export type SignedCheckpoint = {
  tenantId: string;
  seq: string;
  chainHead: string;
  signedAt: string;
  keyId: string;
  signature: string;
};

export function checkpointStatement(cp: Omit<SignedCheckpoint, "signature">): string {
  return canonicalJson({
    v: 1,
    type: "attest.checkpoint",
    tenantId: cp.tenantId,
    seq: cp.seq,
    chainHead: cp.chainHead,
    signedAt: cp.signedAt,
    keyId: cp.keyId,
  });
}

export function verifyCheckpoint(cp: SignedCheckpoint, publicKeyPem: string): boolean {
  return verifySignature(publicKeyPem, checkpointStatement(cp), Buffer.from(cp.signature, "base64"));
}
