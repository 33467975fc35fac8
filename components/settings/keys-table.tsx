"use client";

import { ConfirmAction } from "@/components/ui/confirm-action";
import type { IngestKeyView } from "@/lib/keys/ingest-keys";
import { callSettingsApi, formatTime } from "./api";
import { ActionError, useRowActions } from "./use-row-actions";

export function KeysTable({ keys }: { keys: IngestKeyView[] }) {
  const { error, busy, confirming, setConfirming, run } = useRowActions();
  const revoke = (prefix: string) =>
    run(prefix, async () => {
      await callSettingsApi("DELETE", `/api/v1/settings/keys/${encodeURIComponent(prefix)}`);
    });

  return (
    <div className="space-y-3">
      <ActionError error={error} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2 pr-4 font-medium">Prefix</th>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 pr-4 font-medium">Last used</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {keys.map((key) => (
              <tr key={key.prefix} data-testid="key-row" className={key.revokedAt ? "text-slate-400" : ""}>
                <td className="py-2 pr-4 font-mono text-xs">{key.prefix}…</td>
                <td className="py-2 pr-4">{key.name}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatTime(key.createdAt)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatTime(key.lastUsedAt)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {key.revokedAt ? (
                    `Revoked ${formatTime(key.revokedAt)}`
                  ) : (
                    <span className="font-medium text-emerald-700 dark:text-emerald-400">Active</span>
                  )}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {key.revokedAt ? null : (
                    <ConfirmAction
                      confirming={confirming === key.prefix}
                      busy={busy !== null}
                      label="Revoke"
                      ariaLabel={`Revoke ${key.prefix}`}
                      prompt="Senders using it get 401 at once."
                      confirmLabel="Confirm revoke"
                      onAsk={() => setConfirming(key.prefix)}
                      onCancel={() => setConfirming(null)}
                      onConfirm={() => revoke(key.prefix)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
