"use client";

import { useState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { buttonClass } from "@/components/ui/styles";
import { DataTable } from "@/components/ui/table";
import type { DeliveryAttempt } from "@/lib/alerts/notify/deliveries";
import type { CreatedDestination, DestinationView } from "@/lib/alerts/notify/destinations";
import { callSettingsApi, formatTime } from "./api";
import { DestinationSecret } from "./destinations-secret";
import { ActionError, useRowActions } from "./use-row-actions";

const COLUMNS = ["Name", "URL", "Payload", "Created by", "Created", "Status", "Actions"];
const cell = "py-1.5 pr-3 align-top";

type Confirming = { id: string; action: "rotate" | "disable" } | null;

function describeTest(name: string, result: DeliveryAttempt): string {
  if (result.status === "delivered")
    return `Test sent to ${name}: HTTP ${result.responseStatus} in ${result.durationMs} ms.`;
  return `Test to ${name} failed: ${result.error ?? "no answer"} (${result.durationMs} ms).`;
}

export function DestinationsTable({ destinations }: { destinations: DestinationView[] }) {
  const [status, setStatus] = useState<string | null>(null);
  const [rotated, setRotated] = useState<CreatedDestination | null>(null);
  const actions = useRowActions<NonNullable<Confirming>>();
  const { error, busy, confirming, setConfirming } = actions;
  const run = (id: string, work: () => Promise<void>) => {
    setStatus(null);
    return actions.run(id, work);
  };

  const base = "/api/v1/settings/destinations";
  const sendTest = (d: DestinationView) =>
    run(d.id, async () => {
      const { result } = await callSettingsApi<{ result: DeliveryAttempt }>("POST", `${base}/${d.id}/test`);
      setStatus(describeTest(d.name, result));
    });
  const rotate = (d: DestinationView) =>
    run(d.id, async () => setRotated(await callSettingsApi<CreatedDestination>("POST", `${base}/${d.id}/rotate`)));
  const disable = (d: DestinationView) =>
    run(d.id, async () => {
      await callSettingsApi("DELETE", `${base}/${d.id}`);
    });

  return (
    <div className="space-y-3">
      <ActionError error={error} />
      <p role="status" className="text-sm text-slate-700 empty:hidden dark:text-slate-300">
        {status}
      </p>
      {rotated && <DestinationSecret created={rotated} onDismiss={() => setRotated(null)} />}
      <DataTable caption="Webhook destinations" columns={COLUMNS} inCard>
        {destinations.map((d) => {
          const asking = (action: "rotate" | "disable") => confirming?.id === d.id && confirming.action === action;
          return (
            <tr
              key={d.id}
              data-testid="destination-row"
              className={d.disabledAt ? "text-slate-500 dark:text-slate-400" : ""}
            >
              <td className={`${cell} font-medium`}>{d.name}</td>
              <td className={`${cell} max-w-56 break-all font-mono text-xs`}>{d.url}</td>
              <td className={`${cell} text-xs`}>{d.format === "slack" ? "Slack" : "JSON"}</td>
              <td className={`${cell} text-xs`}>{d.createdBy}</td>
              <td className={`${cell} text-xs`}>{formatTime(d.createdAt)}</td>
              <td className={`${cell} text-xs`}>
                {d.disabledAt ? (
                  `Disabled ${formatTime(d.disabledAt)}`
                ) : (
                  <span className="font-medium text-emerald-700 dark:text-emerald-400">Enabled</span>
                )}
              </td>
              <td className="whitespace-nowrap py-1.5 text-right align-top">
                {d.disabledAt ? null : (
                  <span className="inline-flex justify-end gap-2">
                    {!confirming || confirming.id !== d.id ? (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy === d.id}
                        aria-label={`Send test to ${d.name}`}
                        onClick={() => sendTest(d)}
                      >
                        {busy === d.id ? "Sending…" : "Send test"}
                      </button>
                    ) : null}
                    {!asking("disable") && (
                      <ConfirmAction
                        confirming={asking("rotate")}
                        busy={busy === d.id}
                        label="Rotate secret"
                        ariaLabel={`Rotate secret of ${d.name}`}
                        prompt="The old secret stops verifying at once."
                        confirmLabel="Confirm rotate"
                        onAsk={() => setConfirming({ id: d.id, action: "rotate" })}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => rotate(d)}
                      />
                    )}
                    {!asking("rotate") && (
                      <ConfirmAction
                        confirming={asking("disable")}
                        busy={busy === d.id}
                        label="Disable"
                        ariaLabel={`Disable ${d.name}`}
                        prompt="Rules naming it stop notifying it."
                        confirmLabel="Confirm disable"
                        onAsk={() => setConfirming({ id: d.id, action: "disable" })}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => disable(d)}
                      />
                    )}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
