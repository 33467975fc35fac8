"use client";

import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { ApiTokenScope, CreatedApiToken } from "@/lib/keys/api-tokens";
import { callSettingsApi } from "./api";
import { OneTimeSecret } from "./one-time-secret";
import { useCreateForm } from "./use-create-form";
import { ActionError } from "./use-row-actions";

// Typed by the scope list, so a new scope does not compile until it has a label here.
const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  "rules:write": "Alert rules: read and apply (rules:write)",
  "integrity:verify": "Integrity: run verifications (integrity:verify)",
};

export function CreateApiTokenForm() {
  const { pending, error, created, setCreated, onSubmit } = useCreateForm(
    async (form): Promise<CreatedApiToken> =>
      (
        await callSettingsApi<{ token: CreatedApiToken }>("POST", "/api/v1/settings/tokens", {
          name: String(form.get("name") ?? "").trim(),
          scopes: form.getAll("scopes").map(String),
        })
      ).token,
  );

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Create an API token">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1 space-y-1">
            <label htmlFor="token-name" className={labelClass}>
              Token name
            </label>
            <input
              id="token-name"
              name="name"
              type="text"
              required
              maxLength={100}
              placeholder="e.g. github-actions-rules"
              className={inputClass}
            />
          </div>
          <button type="submit" disabled={pending} className={primaryButtonClass}>
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
        <fieldset className="space-y-1">
          <legend className={labelClass}>Scopes</legend>
          {(Object.entries(SCOPE_LABELS) as [ApiTokenScope, string][]).map(([scope, label]) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked required />
              {label}
            </label>
          ))}
        </fieldset>
      </form>
      <ActionError error={error} />
      {created && (
        <OneTimeSecret label="New API token" secret={created.token} onDismiss={() => setCreated(null)}>
          Copy the token for “{created.name}” now and store it in your CI/CD secret store. Attest keeps only its hash,
          so it cannot be shown again; a lost token must be revoked and replaced. CI/CD uses it as{" "}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> for{" "}
          <code className="font-mono">/api/v1/alert-rules</code>.
        </OneTimeSecret>
      )}
    </div>
  );
}
