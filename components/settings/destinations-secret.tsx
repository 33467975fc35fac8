"use client";

import type { CreatedDestination } from "@/lib/alerts/notify/destinations";
import { OneTimeSecret } from "./one-time-secret";

// The signing secret of a new or rotated destination, shown once.
export function DestinationSecret({ created, onDismiss }: { created: CreatedDestination; onDismiss: () => void }) {
  return (
    <OneTimeSecret label="Signing secret" secret={created.secret} onDismiss={onDismiss}>
      Copy the signing secret for “{created.destination.name}” now and give it to the receiver. Attest does not store
      it, so it cannot be shown again; rotate it to get a new one. The receiver checks each request's{" "}
      <code className="font-mono">Attest-Signature</code> header with it, as shown under “Verifying signatures”.
    </OneTimeSecret>
  );
}
