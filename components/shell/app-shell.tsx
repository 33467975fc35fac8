import Link from "next/link";
import type { ReactNode } from "react";
import { OpenAlertsBadge } from "@/components/alerts/open-alerts-badge";
import { can } from "@/lib/auth/roles";
import type { AuthContext } from "@/lib/auth/session";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";
import { TenantSwitcher } from "./tenant-switcher";
import { TraceSearch } from "./trace-search";

export function AppShell({ auth, children }: { auth: AuthContext; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="flex w-60 shrink-0 flex-col gap-6 border-r border-slate-200 bg-white px-3 py-4 dark:border-slate-800 dark:bg-slate-950">
        <Link href="/overview" className="flex items-center gap-2 px-2">
          {/* biome-ignore lint/performance/noImgElement: a 24px static SVG needs no image optimisation */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span className="text-base font-semibold tracking-tight">Attest</span>
        </Link>
        <div className="px-2">
          <TenantSwitcher tenants={auth.tenants} active={auth.tenant.slug} />
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Role: {auth.role}</p>
        </div>
        <div className="px-2">
          <TraceSearch />
        </div>
        <nav aria-label="Main" className="flex flex-col gap-1">
          <NavLink href="/overview">Overview</NavLink>
          <NavLink href="/events">Events</NavLink>
          <NavLink href="/agents">Agents</NavLink>
          <NavLink href="/alerts" badge={<OpenAlertsBadge tenantId={auth.tenant.id} />}>
            Alerts
          </NavLink>
          <p className="mt-3 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Investigate
          </p>
          <NavLink href="/delegations">Delegations</NavLink>
          <NavLink href="/consents">Consents</NavLink>
          <NavLink href="/approvals">Approvals</NavLink>
          <NavLink href="/policies">Policy decisions</NavLink>
          <NavLink href="/sessions">Sessions</NavLink>
          {can(auth.role, "reports:export") && <NavLink href="/reports">Reports</NavLink>}
          <p className="mt-3 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Administer
          </p>
          <NavLink href="/integrity">Integrity</NavLink>
          {can(auth.role, "settings:manage") && <NavLink href="/settings">Settings</NavLink>}
        </nav>
        <div className="mt-auto space-y-1 px-2">
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">{auth.user.email}</p>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-6 py-6">
        {children}
      </main>
    </div>
  );
}
