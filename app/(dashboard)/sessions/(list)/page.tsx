import type { Metadata } from "next";
import Link from "next/link";
import { SessionsTable } from "@/components/sessions/sessions-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { toSearchParams } from "@/lib/filters/event-filters";
import { listSessions } from "@/lib/queries/session-events";

export const metadata: Metadata = { title: "Sessions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SessionsPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/sessions");
  const params = toSearchParams(await searchParams);
  const user = params.get("user")?.trim().slice(0, 256) || undefined;
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const { sessions, hasMore } = await listSessions(auth.tenant.id, { user, page });
  const pageHref = (n: number) => `/sessions?${new URLSearchParams({ ...(user ? { user } : {}), page: String(n) })}`;

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Human sessions (user_id:session_id) and everything agents did under them, stateful and stateless MCP clients alike."
      />
      <form
        method="get"
        action="/sessions"
        className="mb-4 flex flex-wrap items-end gap-2"
        aria-label="Filter sessions"
      >
        <label className={labelClass}>
          User id
          <input
            type="search"
            name="user"
            defaultValue={user ?? ""}
            placeholder="e.g. alice@example.com"
            className={`${inputClass} mt-0.5 w-72`}
          />
        </label>
        <button type="submit" className={buttonClass}>
          Filter
        </button>
        {user && (
          <Link href="/sessions" className={`${linkClass} py-1.5 text-sm`}>
            Clear
          </Link>
        )}
      </form>
      {sessions.length === 0 ? (
        <EmptyState title={user ? "No sessions for this user" : "No sessions yet"}>
          {user
            ? `No session of ${user} was recorded. User ids are matched exactly.`
            : "Sessions appear when events name a human (onBehalfOf or a user actor) and a session id."}
        </EmptyState>
      ) : (
        <SessionsTable sessions={sessions} />
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={pageHref(page - 1)} className={buttonClass}>
              Previous
            </Link>
          )}
          <span>Page {page}</span>
          {hasMore && (
            <Link href={pageHref(page + 1)} className={buttonClass}>
              Next
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
