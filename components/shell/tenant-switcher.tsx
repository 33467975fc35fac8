"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Tenant = { slug: string; name: string; role: string };

export function TenantSwitcher({ tenants, active }: { tenants: Tenant[]; active: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  if (tenants.length < 2) {
    const only = tenants[0];
    return <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{only?.name}</p>;
  }
  return (
    <label className="block">
      <span className="sr-only">Tenant</span>
      <select
        value={active}
        disabled={pending}
        onChange={async (event) => {
          setPending(true);
          await fetch("/api/session/tenant", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ slug: event.target.value }),
          });
          setPending(false);
          // Object URLs of the old tenant would 404 in the new one, so start from the overview.
          router.push("/overview");
          router.refresh();
        }}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
      >
        {tenants.map((tenant) => (
          <option key={tenant.slug} value={tenant.slug}>
            {tenant.name} ({tenant.role})
          </option>
        ))}
      </select>
    </label>
  );
}
