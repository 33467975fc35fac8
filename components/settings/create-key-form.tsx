"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { IngestKeyView } from "@/lib/keys/ingest-keys";
import { callSettingsApi } from "./api";
import { OneTimeSecret } from "./one-time-secret";

export function CreateKeyForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: IngestKeyView; secret: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get("name") ?? "").trim();
    setPending(true);
    setError(null);
    setCreated(null);
    try {
      setCreated(await callSettingsApi("POST", "/api/v1/settings/keys", { name }));
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
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
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
