import Link from "next/link";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { DataTable } from "@/components/ui/table";
import type { ConsentRecord } from "@/lib/flags/consent";
import { ScopeList } from "./consent-status";
import { consentsHref, eventHref, formatDay, REGISTRATION_LABELS } from "./format";

// Grants neither revoked nor expired at the time the page was built.

export function InForceTable({ records, showUser }: { records: ConsentRecord[]; showUser: boolean }) {
  return (
    <Card title={`In force now (${records.length})`}>
      {records.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">No consent is in force now.</p>
      ) : (
        <DataTable
          caption="Consents in force now: granted, not revoked and not expired"
          columns={[
            "Consent",
            ...(showUser ? ["User"] : []),
            "Client / agent",
            "Scopes",
            "Resource",
            "Granted (UTC)",
            "Expires (UTC)",
          ]}
          inCard
        >
          {records.map((r) => (
            <tr key={r.consentId} className="align-top">
              <td className="py-1.5 pr-3 font-mono text-xs">
                {r.grantedEventId ? (
                  <Link href={eventHref(r.grantedEventId)} className={linkClass}>
                    {r.consentId}
                  </Link>
                ) : (
                  r.consentId
                )}
              </td>
              {showUser && (
                <td className="py-1.5 pr-3 text-xs">
                  <Link href={consentsHref({ kind: "user", id: r.userId })} className={linkClass}>
                    {r.userId}
                  </Link>
                </td>
              )}
              <td className="py-1.5 pr-3 text-xs">
                <span className="block font-mono">{r.clientName ?? r.clientId ?? "—"}</span>
                {r.registration && (
                  <span className="block text-slate-600 dark:text-slate-400">
                    {REGISTRATION_LABELS[r.registration] ?? r.registration}
                  </span>
                )}
                {r.agentId && <span className="block">agent {r.agentId}</span>}
              </td>
              <td className="py-1.5 pr-3">
                <ScopeList scopes={r.scopes} />
              </td>
              <td className="max-w-56 break-all py-1.5 pr-3 font-mono text-xs">{r.resource ?? "—"}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-xs">{r.grantedAt ? formatDay(r.grantedAt) : "—"}</td>
              <td className="whitespace-nowrap py-1.5 text-xs">{r.expiresAt ? formatDay(r.expiresAt) : "no expiry"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
