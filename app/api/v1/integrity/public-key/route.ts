import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { publicKeys } from "@/lib/integrity/keys";
import { MasterKeyMissing } from "@/lib/keys/master-key";

// GET /api/v1/integrity/public-key — the Ed25519 public keys that sign checkpoints and export
// manifests, so anyone can check them offline. No sign-in: public keys are public, and knowing
// one confirms nothing about any tenant. `?format=pem` returns the active key as a PEM file.
export const GET = apiRoute({ auth: "none" }, async ({ request }) => {
  const keys = await publicKeys().catch((error: unknown) => {
    if (error instanceof MasterKeyMissing)
      throw new ApiError(
        503,
        "not_configured",
        `No signing key on the server: set ATTEST_SIGNING_KEY or ${error.message}`,
      );
    throw error;
  });
  if (new URL(request.url).searchParams.get("format") === "pem") {
    const active = keys.find((key) => key.retiredAt === null) ?? keys[0];
    return new Response(active?.publicKeyPem ?? "", {
      headers: {
        "Content-Type": "application/x-pem-file",
        "Content-Disposition": `attachment; filename="attest-signing-key-${active?.keyId ?? "none"}.pem"`,
      },
    });
  }
  return Response.json({
    keys: keys.map((key) => ({ ...key, algorithm: "Ed25519" as const })),
  });
});
