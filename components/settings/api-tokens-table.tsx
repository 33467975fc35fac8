"use client";

import { ConfirmAction } from "@/components/ui/confirm-action";
import { DataTable } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/keys/api-tokens";
import { callSettingsApi, formatTime } from "./api";
import { ActionError, useRowActions } from "./use-row-actions";

const COLUMNS = ["Name", "Prefix", "Scopes", "Created by", "Created", "Last used", "Status", "Actions"];
// Cells of a table inside a Card, spaced like the card's header cells.
const cell = "py-1.5 pr-3 align-top";

export function ApiTokensTable({ tokens }: { tokens: ApiTokenView[] }) {
  const { error, busy, confirming, setConfirming, run } = useRowActions();
  const revoke = (prefix: string) =>
    run(prefix, async () => {
      await callSettingsApi("DELETE", `/api/v1/settings/tokens/${encodeURIComponent(prefix)}`);
    });

  return (
    <div className="space-y-3">
      <ActionError error={error} />
      <DataTable caption="API tokens" columns={COLUMNS} inCard>
        {tokens.map((token) => (
          <tr key={token.prefix} data-testid="token-row" className={token.revokedAt ? "text-slate-400" : ""}>
            <td className={`${cell} font-medium`}>{token.name}</td>
            <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{token.prefix}…</td>
            <td className={`${cell} font-mono text-xs`}>{token.scopes.join(", ")}</td>
            <td className={`${cell} text-xs`}>{token.createdBy}</td>
            <td className={`${cell} text-xs`}>{formatTime(token.createdAt)}</td>
            <td className={`${cell} text-xs`}>{formatTime(token.lastUsedAt)}</td>
            <td className={`${cell} text-xs`}>
              {token.revokedAt ? (
                `Revoked ${formatTime(token.revokedAt)}`
              ) : (
                <span className="font-medium text-emerald-700 dark:text-emerald-400">Active</span>
              )}
            </td>
            <td className="whitespace-nowrap py-1.5 text-right align-top">
              {token.revokedAt ? null : (
                <ConfirmAction
                  confirming={confirming === token.prefix}
                  busy={busy !== null}
                  label="Revoke"
                  ariaLabel={`Revoke ${token.prefix}`}
                  prompt="CI/CD jobs using it get 401 at once."
                  confirmLabel="Confirm revoke"
                  onAsk={() => setConfirming(token.prefix)}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() => revoke(token.prefix)}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
