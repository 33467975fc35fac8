import type { Metadata } from "next";
import { CreateApiTokenForm } from "@/components/settings/api-tokens-create-form";
import { ApiTokensTable } from "@/components/settings/api-tokens-table";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageAuth } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/keys/api-tokens";

export const metadata: Metadata = { title: "API tokens · Settings" };

export default async function ApiTokensSettingsPage() {
  const auth = await requirePageAuth("settings:manage", "/settings/tokens");
  const tokens = await listApiTokens(auth.tenant.id);
  return (
    <>
      <SettingsHeader tenantName={auth.tenant.name} />
      <div className="space-y-6">
        <Card title="Create an API token">
          <CreateApiTokenForm />
        </Card>
        <Card title={`API tokens (${tokens.filter((t) => !t.revokedAt).length} active)`}>
          {tokens.length === 0 ? (
            <EmptyState title="No API tokens yet">
              Create one above for CI/CD, which sends it as <code className="font-mono">Authorization: Bearer …</code>{" "}
              to <code className="font-mono">/api/v1/alert-rules</code>.
            </EmptyState>
          ) : (
            <ApiTokensTable tokens={tokens} />
          )}
        </Card>
      </div>
    </>
  );
}
