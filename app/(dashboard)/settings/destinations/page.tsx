import type { Metadata } from "next";
import { CreateDestinationForm } from "@/components/settings/destinations-create-form";
import { DeliveryLogTable } from "@/components/settings/destinations-deliveries";
import { DestinationsTable } from "@/components/settings/destinations-table";
import { VerifySignatureHelp } from "@/components/settings/destinations-verify-help";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listDeliveries } from "@/lib/alerts/notify/deliveries";
import { listDestinations } from "@/lib/alerts/notify/destinations";
import { requirePageAuth } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhooks · Settings" };

const LOG_LIMIT = 100;

export default async function DestinationsSettingsPage() {
  const auth = await requirePageAuth("settings:manage", "/settings/destinations");
  const [destinations, deliveries] = await Promise.all([
    listDestinations(auth.tenant.id),
    listDeliveries(auth.tenant.id, { limit: LOG_LIMIT }),
  ]);
  return (
    <>
      <SettingsHeader tenantName={auth.tenant.name} />
      <div className="space-y-6">
        <Card title="Add a webhook destination">
          <CreateDestinationForm />
        </Card>
        <Card title={`Webhook destinations (${destinations.filter((d) => !d.disabledAt).length} enabled)`}>
          {destinations.length === 0 ? (
            <EmptyState title="No webhook destinations yet">
              Add one above, then name it in a rule's <code className="font-mono">notify</code> list to have its alerts
              posted there, signed.
            </EmptyState>
          ) : (
            <DestinationsTable destinations={destinations} />
          )}
        </Card>
        <Card title={deliveries.length === LOG_LIMIT ? `Delivery log (newest ${LOG_LIMIT})` : "Delivery log"}>
          {deliveries.length === 0 ? (
            <EmptyState title="No deliveries yet">
              Each attempt to post an alert to a destination is listed here, with the receiver's answer.
            </EmptyState>
          ) : (
            <DeliveryLogTable deliveries={deliveries} />
          )}
        </Card>
        <Card title="Verifying signatures">
          <VerifySignatureHelp />
        </Card>
      </div>
    </>
  );
}
