import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import { DataTable } from "@/components/ui/table";
import type { DeliveryView } from "@/lib/alerts/notify/deliveries";
import { formatTime } from "./api";

const COLUMNS = [
  "Time",
  "Alert",
  "Destination",
  { label: "Attempt", numeric: true },
  "Status",
  { label: "HTTP", numeric: true },
  "Error",
  { label: "Duration", numeric: true },
];
const cell = "py-1.5 pr-3 align-top text-xs";

// One row per delivery attempt, newest first: a retried alert shows each attempt.
export function DeliveryLogTable({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <DataTable caption="Webhook delivery log" columns={COLUMNS} inCard>
      {deliveries.map((d) => (
        <tr key={d.id} data-testid="delivery-row">
          <td className={`${cell} whitespace-nowrap`}>{formatTime(d.createdAt)}</td>
          <td className={cell}>
            <Link href={`/alerts/${d.alertId}`} className={linkClass}>
              {d.ruleName ?? `${d.alertId.slice(0, 8)}…`}
            </Link>
          </td>
          <td className={cell}>{d.destinationName ?? "(removed)"}</td>
          <td className={`${cell} text-right tabular-nums`}>{d.attempt}</td>
          <td className={cell}>
            {d.status === "delivered" ? (
              <span className="font-medium text-emerald-700 dark:text-emerald-400">Delivered</span>
            ) : (
              <span className="font-medium text-red-700 dark:text-red-400">Failed</span>
            )}
          </td>
          <td className={`${cell} text-right tabular-nums`}>{d.responseStatus ?? "—"}</td>
          <td className={`${cell} max-w-72 break-words`}>{d.error ?? ""}</td>
          <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>{d.durationMs} ms</td>
        </tr>
      ))}
    </DataTable>
  );
}
