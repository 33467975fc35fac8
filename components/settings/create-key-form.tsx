"use client";

import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { IngestKeyView } from "@/lib/keys/ingest-keys";
import { callSettingsApi } from "./api";
import { OneTimeSecret } from "./one-time-secret";
import { useCreateForm } from "./use-create-form";
import { ActionError } from "./use-row-actions";

export function CreateKeyForm() {
  const { pending, error, created, setCreated, onSubmit } = useCreateForm(
    async (form): Promise<{ key: IngestKeyView; secret: string }> =>
      callSettingsApi("POST", "/api/v1/settings/keys", { name: String(form.get("name") ?? "").trim() }),
  );

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Create an ingest key">
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="key-name" className={labelClass}>
            Key name
          </label>
          <input
            id="key-name"
            name="name"
            type="text"
            required
            maxLength={100}
            placeholder="e.g. mcp-gateway-prod"
            className={inputClass}
          />
        </div>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
      <ActionError error={error} />
      {created && (
        <OneTimeSecret label="New ingest key" secret={created.secret} onDismiss={() => setCreated(null)}>
          Copy the key for “{created.key.name}” now and store it in your sender&apos;s secret store. Attest keeps only
          its hash, so it cannot be shown again; a lost key must be revoked and replaced. Senders use it as{" "}
          <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </OneTimeSecret>
      )}
    </div>
  );
}
