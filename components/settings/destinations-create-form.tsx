"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { CreatedDestination } from "@/lib/alerts/notify/destinations";
import { callSettingsApi } from "./api";
import { DestinationSecret } from "./destinations-secret";

export function CreateDestinationForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedDestination | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    setCreated(null);
    try {
      const result = await callSettingsApi<CreatedDestination>("POST", "/api/v1/settings/destinations", {
        name: String(form.get("name") ?? "").trim(),
        url: String(form.get("url") ?? "").trim(),
        format: String(form.get("format") ?? "json"),
      });
      setCreated(result);
      formElement.reset();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

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
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {created && <DestinationSecret created={created} onDismiss={() => setCreated(null)} />}
    </div>
  );
}
