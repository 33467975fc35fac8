import type { Metadata } from "next";
import { CheckpointTable } from "@/components/integrity/checkpoint-table";
import { VerificationList } from "@/components/integrity/verification-list";
import { VerifyNowButton } from "@/components/integrity/verify-now-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, muted, sectionHeading } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";
import { recentCheckpoints } from "@/lib/integrity/checkpoint-rows";
import { publicKeys } from "@/lib/integrity/keys";
import { recentVerifications } from "@/lib/integrity/verifications";

export const metadata: Metadata = { title: "Integrity" };

export default async function IntegrityPage() {
  const auth = await requirePageAuth("data:read", "/integrity");
  const [runs, checkpoints, keys] = await Promise.all([
    recentVerifications(auth.tenant.id, 20),
    recentCheckpoints(auth.tenant.id, 20),
    // Without ATTEST_SIGNING_KEY or ATTEST_SECRET_KEY (production) there is no key to show.
    publicKeys().catch(() => []),
  ]);
  const activeKey = keys.find((key) => key.retiredAt === null) ?? keys[0];

  return (
    <>
      <PageHeader
        title="Integrity"
        description="Every event is hash-chained when it is received, and the chain's head is signed every few seconds. A verification recomputes the chain from the stored events and names any event that was changed, deleted, inserted or moved."
        actions={
          <>
            <a href="/api/v1/integrity/public-key?format=pem" className={buttonClass} download>
              Download public key (PEM)
            </a>
            {can(auth.role, "integrity:verify") && <VerifyNowButton />}
          </>
        }
      />
      <div className="space-y-6">
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading" className={sectionHeading}>
            Verifications
          </h2>
          {runs.length === 0 ? (
            <EmptyState title="Never verified">
              {can(auth.role, "integrity:verify")
                ? "Run the first verification with “Verify now”."
                : "An auditor or admin can run a verification; its result will show here."}
            </EmptyState>
          ) : (
            <VerificationList runs={runs} />
          )}
        </section>
        <section aria-labelledby="checkpoints-heading">
          <h2 id="checkpoints-heading" className={sectionHeading}>
            Signed checkpoints
          </h2>
          {checkpoints.length === 0 ? (
            <EmptyState title="No checkpoints yet">
              The worker signs the chain head every 10 seconds once events arrive.
            </EmptyState>
          ) : (
            <CheckpointTable checkpoints={checkpoints} />
          )}
        </section>
        {!activeKey && (
          <Card title="Signing key">
            <p className={`text-sm ${muted}`}>
              No signing key is configured: set ATTEST_SIGNING_KEY (an Ed25519 PKCS#8 PEM) or ATTEST_SECRET_KEY. Until
              then no checkpoint is signed.
            </p>
          </Card>
        )}
        {activeKey && (
          <Card title="Signing key">
            <p className={`text-sm ${muted}`}>
              Ed25519 key <span className="font-mono">{activeKey.keyId}</span> ({activeKey.source}). Anyone can check
              checkpoints and export manifests offline with it; all keys ever used are listed at{" "}
              <span className="font-mono">/api/v1/integrity/public-key</span>.
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
