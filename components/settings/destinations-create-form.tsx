"use client";

import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { CreatedDestination } from "@/lib/alerts/notify/destinations";
import { callSettingsApi } from "./api";
import { DestinationSecret } from "./destinations-secret";
import { useCreateForm } from "./use-create-form";
import { ActionError } from "./use-row-actions";

export function CreateDestinationForm() {
  const { pending, error, created, setCreated, onSubmit } = useCreateForm(
    async (form): Promise<CreatedDestination> =>
      callSettingsApi<CreatedDestination>("POST", "/api/v1/settings/destinations", {
        name: String(form.get("name") ?? "").trim(),
        url: String(form.get("url") ?? "").trim(),
        format: String(form.get("format") ?? "json"),
      }),
  );

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Add a webhook destination">
        <div className="w-48 space-y-1">
          <label htmlFor="destination-name" className={labelClass}>
            Name (rules refer to it in notify)
          </label>
          <input
            id="destination-name"
            name="name"
            required
            maxLength={100}
            pattern="[a-z0-9][a-z0-9._\-]*"
            title="Lowercase letters, digits, dots, dashes and underscores"
            placeholder="e.g. soc-slack"
            className={inputClass}
          />
        </div>
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="destination-url" className={labelClass}>
            URL (https)
          </label>
          <input
            id="destination-url"
            name="url"
            type="url"
            required
            placeholder="https://hooks.example.com/attest"
            className={inputClass}
          />
        </div>
        <div className="w-44 space-y-1">
          <label htmlFor="destination-format" className={labelClass}>
            Payload
          </label>
          <select id="destination-format" name="format" defaultValue="json" className={inputClass}>
            <option value="json">Attest JSON</option>
            <option value="slack">Slack-compatible</option>
          </select>
        </div>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Adding…" : "Add destination"}
        </button>
      </form>
      <ActionError error={error} />
      {created && <DestinationSecret created={created} onDismiss={() => setCreated(null)} />}
    </div>
  );
}
