import type { Metadata } from "next";
import { CreateKeyForm } from "@/components/settings/create-key-form";
import { KeysTable } from "@/components/settings/keys-table";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageAuth } from "@/lib/auth/session";
import { listIngestKeys } from "@/lib/keys/ingest-keys";

export const metadata: Metadata = { title: "Ingest keys · Settings" };

export default async function KeysSettingsPage() {
  const auth = await requirePageAuth("settings:manage", "/settings/keys");
  const keys = await listIngestKeys(auth.tenant.id);
  return (
    <>
      <SettingsHeader tenantName={auth.tenant.name} />
      <div className="space-y-6">
        <Card title="Create an ingest key">
          <CreateKeyForm />
        </Card>
        <Card title={`Ingest keys (${keys.filter((k) => !k.revokedAt).length} active)`}>
          {keys.length === 0 ? (
            <EmptyState title="No ingest keys yet">
              Create one above, then send events to <code className="font-mono">POST /api/v1/events</code> with it.
            </EmptyState>
          ) : (
            <KeysTable keys={keys} />
          )}
        </Card>
      </div>
    </>
  );
}
